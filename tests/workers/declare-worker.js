// A Worker that uses the declarative layer from `cf-mcp-servers/full` (its `workerd` condition):
// plans a file against the account, applies it with a secret from its own bindings, plans again,
// and exports; returns what it saw as JSON for declare.test.mjs.
import { McpServersClient, exportConfig, planConfig, validateConfig } from 'cf-mcp-servers/full';

export default {
  async fetch(request, env) {
    const client = new McpServersClient({ apiToken: env.TOKEN, baseURL: env.BASE_URL, accountId: env.ACCOUNT_ID });
    const file = {
      servers: [{ id: 'wk-srv', name: 'From a Worker', hostname: env.DEMO_MCP, auth_type: 'bearer', auth_credentials: { env: 'WK_TOKEN' } }],
      portals: [{ id: 'wk-portal', name: 'Worker portal', hostname: 'wk.example.com', servers: [{ server_id: 'wk-srv', default_disabled: true }] }],
    };
    try {
      const problems = validateConfig(file);
      const first = planConfig(file, await client.state());
      const events = [];
      const report = await client.apply(first, { env: { WK_TOKEN: env.WK_TOKEN }, onStep: (e) => events.push(`${e.type} ${e.step.kind} ${e.step.id}`) });
      const second = planConfig(file, await client.state());
      const exported = exportConfig(await client.state());
      return Response.json({
        problems,
        first: first.steps.map((s) => `${s.action} ${s.kind} ${s.id}`),
        events,
        failed: report.failed ? String(report.failed.error) : null,
        second: { changes: second.changes, steps: second.steps.length },
        exported,
      });
    } catch (e) {
      return new Response(String(e?.stack ?? e), { status: 500 });
    }
  },
};
