// A consumer of the published package, compiled (never run) with `tsc --strict`:
//   node_modules/.bin/tsc -p tests/types --noEmit
// It touches every exported type and operation and proves with `@ts-expect-error` that inputs are
// closed. official.ts checks that code written against the official SDK's types compiles against ours.
import {
  McpServersClient,
  McpServersError,
  validateServerCreateParams,
  validateServerUpdateParams,
  validateServerListParams,
  validateServerId,
} from 'cf-mcp-servers';
import type {
  McpServer,
  AuthType,
  ServerStatus,
  AuthenticationStatus,
  AuthMode,
  KnownAuthType,
  KnownServerStatus,
  KnownAuthenticationStatus,
  KnownAuthMode,
  ErrorDetails,
  CapabilityOverride,
  AuthConfigSummary,
  SyncResult,
  ResultInfo,
  ServerListPage,
  ServerCreateParams,
  ServerUpdateParams,
  ServerListParams,
  ClientOptions,
  RequestOptions,
  ServerListResponse,
  ServerCreateResponse,
  ServerReadResponse,
  ServerUpdateResponse,
  ServerDeleteResponse,
  ServerSyncResponse,
  UpdatedTool,
  UpdatedPrompt,
  McpServersErrorKind,
  Problem,
  ErrorItem,
  LogLevel,
  Logger,
  RateLimit,
  RawResponse,
  WithResponse,
  McpServersClientWithResponse,
} from 'cf-mcp-servers';

// ---------- helpers ----------
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function assertType<T extends true>(): T | void {}
declare function use(...values: unknown[]): void;

// ---------- enums: the named types are open, their Known… unions exact ----------
// Open: a value the API adds later is still an AuthType, so no caller breaks; editors still offer
// the known values. Parameters take the closed Known… unions.
assertType<Equals<KnownAuthType, 'oauth' | 'bearer' | 'unauthenticated'>>();
assertType<Equals<KnownServerStatus, 'waiting' | 'ready' | 'stale' | 'error'>>();
assertType<Equals<KnownAuthenticationStatus, 'not_required' | 'required' | 'connected' | 'stale' | 'manual'>>();
assertType<Equals<KnownAuthMode, 'dcr' | 'manual'>>();
assertType<Equals<AuthType, KnownAuthType | (string & {})>>();
assertType<Equals<ServerStatus, KnownServerStatus | (string & {})>>();
assertType<Equals<AuthenticationStatus, KnownAuthenticationStatus | (string & {})>>();
assertType<Equals<AuthMode, KnownAuthMode | (string & {})>>();
const later: AuthType = 'mtls';
const known: KnownAuthType = 'oauth';
// @ts-expect-error the Known… unions are closed
const unknown: KnownAuthType = 'mtls';
use(later, known, unknown);
assertType<Equals<McpServersErrorKind, 'validation' | 'api' | 'network' | 'timeout' | 'aborted' | 'decode'>>();

// ---------- aliases of the official SDK's names ----------
assertType<Equals<ServerListResponse, McpServer>>();
assertType<Equals<ServerCreateResponse, McpServer>>();
assertType<Equals<ServerReadResponse, McpServer>>();
assertType<Equals<ServerUpdateResponse, McpServer>>();
assertType<Equals<ServerDeleteResponse, McpServer>>();
assertType<Equals<ServerSyncResponse, SyncResult>>();
assertType<Equals<UpdatedTool, CapabilityOverride>>();
assertType<Equals<UpdatedPrompt, CapabilityOverride>>();

// ---------- the response model: every field, with its type ----------
function readServer(s: McpServer): void {
  const id: string = s.id;
  const name: string = s.name;
  const hostname: string = s.hostname;
  const authType: string = s.auth_type;
  // The named enum types hold what a response field holds (code from the official SDK does this).
  const named: AuthType = s.auth_type;
  const namedStatus: ServerStatus | undefined = s.status;
  const namedAuthStatus: AuthenticationStatus | undefined = s.authentication_status;
  const namedMode: AuthMode | undefined = s.auth_config_summary?.auth_mode;
  use(named, namedStatus, namedAuthStatus, namedMode);
  const tools: Array<{ [key: string]: unknown }> = s.tools;
  const prompts: Array<{ [key: string]: unknown }> = s.prompts;
  const description: string | null | undefined = s.description;
  const status: string | undefined = s.status;
  const authStatus: string | undefined = s.authentication_status;
  const createdAt: string | undefined = s.created_at;
  const createdBy: string | undefined = s.created_by;
  const modifiedAt: string | undefined = s.modified_at;
  const modifiedBy: string | undefined = s.modified_by;
  const lastSynced: string | undefined = s.last_synced;
  const lastOk: string | undefined = s.last_successful_sync;
  const error: string | undefined = s.error;
  const swg: boolean | undefined = s.secure_web_gateway;
  const shared: boolean | undefined = s.is_shared_oauth_callback_enabled;
  const tOverrides: UpdatedTool[] | undefined = s.updated_tools;
  const pOverrides: UpdatedPrompt[] | undefined = s.updated_prompts;
  const details: ErrorDetails | undefined = s.error_details;
  const summary: AuthConfigSummary | undefined = s.auth_config_summary;
  use(id, name, hostname, authType, tools, prompts, description, status, authStatus, createdAt, createdBy,
    modifiedAt, modifiedBy, lastSynced, lastOk, error, swg, shared, tOverrides, pOverrides, details, summary);

  // Known enum values narrow; unknown ones still type-check as strings.
  if (s.status === 'ready' || s.status === 'paused') use(s.status);
  if (s.auth_type === 'oauth') use(s.auth_type);

  // `description` is nullable, so it must be checked before use.
  // @ts-expect-error description may be null or undefined
  s.description.toUpperCase();
  // @ts-expect-error required fields are not optional: id is a string, never undefined
  const noId: undefined = s.id;
  // @ts-expect-error client_secret is write-only: never on a response
  use(s.client_secret);
  // @ts-expect-error auth_credentials is write-only: never on a response
  use(s.auth_credentials);
  use(noId);

  if (details) {
    const cause: string | undefined = details.cause;
    const upstream: boolean | undefined = details.is_upstream;
    const mcpCode: number | undefined = details.mcp_code;
    const retryable: boolean | undefined = details.retryable;
    const statusCode: number | undefined = details.status_code;
    use(cause, upstream, mcpCode, retryable, statusCode);
  }
  if (summary) {
    const mode: string | undefined = summary.auth_mode;
    const version: number | undefined = summary.client_secret_version;
    const has: boolean | undefined = summary.has_client_secret;
    const issuer: string | undefined = summary.config?.issuer;
    const tokenEndpoint: string | undefined = summary.config?.token_endpoint;
    const authz: string | undefined = summary.config?.authorization_endpoint;
    const resource: string | undefined = summary.config?.resource;
    const revocation: string | undefined = summary.config?.revocation_endpoint;
    const clientId: string | undefined = summary.registration_info?.client_id;
    const redirects: string[] | undefined = summary.registration_info?.redirect_uris;
    const scope: string | undefined = summary.registration_info?.scope;
    const method: string | undefined = summary.registration_info?.token_endpoint_auth_method;
    use(mode, version, has, issuer, tokenEndpoint, authz, resource, revocation, clientId, redirects, scope, method);
  }
  for (const o of s.updated_tools ?? []) {
    const n: string = o.name;
    const alias: string | undefined = o.alias;
    const d: string | undefined = o.description;
    const enabled: boolean | undefined = o.enabled;
    use(n, alias, d, enabled);
  }
}

function readSync(r: SyncResult): void {
  const status: string | undefined = r.status;
  const error: string | undefined = r.error;
  const details: ErrorDetails | undefined = r.error_details;
  use(status, error, details);
}

function readPage(p: ServerListPage): void {
  const items: McpServer[] = p.result;
  const info: ResultInfo | undefined = p.result_info;
  const page: number | undefined = info?.page;
  const perPage: number | undefined = info?.per_page;
  const count: number | undefined = info?.count;
  const totalCount: number | undefined = info?.total_count;
  const totalPages: number | undefined = info?.total_pages;
  use(items, page, perPage, count, totalCount, totalPages);
}

// ---------- the client and every operation ----------
async function everyOperation(): Promise<void> {
  const options: ClientOptions = {
    apiToken: 'token',
    apiEmail: 'a@example.com',
    apiKey: 'key',
    userServiceKey: 'svc',
    baseURL: 'https://api.cloudflare.com/client/v4',
    accountId: 'acc',
    timeout: 60_000,
    maxRetries: 2,
    maxRetryDelay: 60_000,
    maxPages: 1000,
    defaultHeaders: { 'X-Team': 'platform' },
    fetch: (url: string, init: RequestInit) => fetch(url, init),
  };
  const client = new McpServersClient(options);
  new McpServersClient();
  new McpServersClient({ apiToken: 't' });

  const controller = new AbortController();
  const reqOptions: RequestOptions = { signal: controller.signal, timeout: 1000, maxRetries: 0, headers: { 'X-Trace': '1' }, maxPages: 50 };

  const listParams: ServerListParams = { account_id: 'acc', page: 1, per_page: 20, search: 'git' };
  const page: ServerListPage = await client.list(listParams, reqOptions);
  await client.list();
  readPage(page);

  for await (const s of client.listAll({ per_page: 100 })) readServer(s);
  const all: AsyncIterable<McpServer> = client.listAll();
  use(all);

  const createParams: ServerCreateParams = {
    account_id: 'acc',
    id: 'my-mcp-server',
    name: 'My MCP Server',
    hostname: 'https://example.com/mcp',
    auth_type: 'bearer',
    auth_credentials: 'sk-token',
    client_secret: 'secret',
    description: null,
    is_shared_oauth_callback_enabled: false,
    secure_web_gateway: false,
    updated_tools: [{ name: 'list_issues', alias: 'issues', enabled: true, description: 'Issues' }],
    updated_prompts: [{ name: 'summarise' }],
  };
  const created: ServerCreateResponse = await client.create(createParams, reqOptions);
  readServer(created);

  const read: ServerReadResponse = await client.read('my-mcp-server', { account_id: 'acc' }, reqOptions);
  await client.read('my-mcp-server');
  readServer(read);

  const updateParams: ServerUpdateParams = {
    account_id: 'acc',
    name: 'Renamed',
    description: null,
    auth_credentials: 'new',
    client_secret: 'new-secret',
    is_shared_oauth_callback_enabled: true,
    secure_web_gateway: true,
    updated_tools: [{ name: 'delete_repo', enabled: false }],
    updated_prompts: [],
  };
  const updated: ServerUpdateResponse = await client.update('my-mcp-server', updateParams, reqOptions);
  await client.update('my-mcp-server', {});
  readServer(updated);

  const deleted: ServerDeleteResponse = await client.delete('my-mcp-server', { account_id: 'acc' }, reqOptions);
  await client.delete('my-mcp-server');
  readServer(deleted);

  const synced: ServerSyncResponse = await client.sync('my-mcp-server', {}, reqOptions);
  await client.sync('my-mcp-server');
  readSync(synced);

  client.free();
}

// ---------- errors ----------
async function errors(client: McpServersClient): Promise<void> {
  try {
    await client.read('x');
  } catch (e) {
    if (e instanceof McpServersError) {
      const asError: Error = e;
      const kind: McpServersErrorKind = e.kind;
      const status: number | undefined = e.status;
      const items: ErrorItem[] = e.errors;
      const code: number | undefined = e.code;
      const retryable: boolean = e.retryable;
      const rayId: string | undefined = e.rayId;
      const mayHaveApplied: boolean | undefined = e.mayHaveApplied;
      const jsonApplied: boolean | undefined = e.toJSON().mayHaveApplied;
      use(mayHaveApplied, jsonApplied);
      const name: 'McpServersError' = e.name;
      const message: string = e.message;
      const json = e.toJSON();
      const jsonKind: McpServersErrorKind = json.kind;
      for (const item of e.errors) {
        const c: number | undefined = item.code;
        const m: string = item.message;
        const p: Array<string | number> | undefined = item.path;
        use(c, m, p);
      }
      switch (e.kind) {
        case 'validation': case 'api': case 'network': case 'timeout': case 'aborted': case 'decode': break;
        default: { const never: never = e.kind; use(never); }
      }
      // @ts-expect-error 'bogus' is not a kind
      if (e.kind === 'bogus') use(e);
      // @ts-expect-error the fields are read-only
      e.retryable = false;
      use(asError, kind, status, items, code, retryable, rayId, name, message, json, jsonKind);
    }
  }
}

// ---------- validators ----------
function validators(): void {
  const a: Problem[] = validateServerCreateParams({ id: 'x', hostname: 'nope' });
  const b: Problem[] = validateServerUpdateParams({ name: 'n', description: null });
  const c: Problem[] = validateServerListParams({ per_page: 0 });
  const d: Problem[] = validateServerId('../x');
  for (const p of [...a, ...b, ...c, ...d]) {
    const field: string = p.field;
    const message: string = p.message;
    use(field, message);
  }
  // @ts-expect-error update validator: hostname cannot be updated
  validateServerUpdateParams({ hostname: 'https://example.com/mcp' });
  // @ts-expect-error list validator: per_page is a number
  validateServerListParams({ per_page: '20' });
}

// ---------- inputs are closed ----------
function closedInputs(client: McpServersClient): void {
  const base = { id: 'x', name: 'n', hostname: 'https://h/mcp' } as const;
  // @ts-expect-error wrong auth_type
  client.create({ ...base, auth_type: 'basic' });
  // @ts-expect-error missing required field (name)
  client.create({ id: 'x', hostname: 'https://h/mcp', auth_type: 'oauth' });
  // @ts-expect-error missing required field (id)
  client.create({ name: 'n', hostname: 'https://h/mcp', auth_type: 'oauth' });
  // @ts-expect-error missing required field (hostname)
  client.create({ id: 'x', name: 'n', auth_type: 'oauth' });
  // @ts-expect-error missing required field (auth_type)
  client.create({ id: 'x', name: 'n', hostname: 'https://h/mcp' });
  // @ts-expect-error unknown field in create
  client.create({ ...base, auth_type: 'oauth', foo: 1 });
  // @ts-expect-error unknown field in an override
  client.create({ ...base, auth_type: 'oauth', updated_tools: [{ name: 't', enabeld: true }] });
  // @ts-expect-error an override needs a name
  client.create({ ...base, auth_type: 'oauth', updated_tools: [{ alias: 'x' }] });
  // @ts-expect-error description is a string or null, not a number
  client.create({ ...base, auth_type: 'oauth', description: 5 });
  // @ts-expect-error update cannot take id
  client.update('x', { id: 'y' });
  // @ts-expect-error update cannot take hostname
  client.update('x', { hostname: 'https://h/mcp' });
  // @ts-expect-error update cannot take auth_type
  client.update('x', { auth_type: 'oauth' });
  // @ts-expect-error update needs a params object
  client.update('x');
  // @ts-expect-error per_page is a number, not a string
  client.list({ per_page: '20' });
  // @ts-expect-error page is a number
  client.list({ page: '2' });
  // @ts-expect-error unknown list parameter
  client.list({ perPage: 20 });
  // @ts-expect-error read/delete/sync params only take account_id
  client.read('x', { name: 'n' });
  // @ts-expect-error the id argument is a string
  client.read(42);
  // @ts-expect-error wrong option name (the SDK's is apiToken)
  new McpServersClient({ apitoken: 't' });
  // @ts-expect-error wrong option name (baseURL, not baseUrl)
  new McpServersClient({ baseUrl: 'https://x' });
  // @ts-expect-error timeout is a number of milliseconds
  new McpServersClient({ timeout: '60s' });
  // @ts-expect-error fetch is a function
  new McpServersClient({ fetch: 'fetch' });
  // @ts-expect-error defaultHeaders values are strings
  new McpServersClient({ defaultHeaders: { 'X-N': 1 } });
  // @ts-expect-error wrong request option name
  client.read('x', {}, { signl: new AbortController().signal });
  // @ts-expect-error signal is an AbortSignal
  client.read('x', {}, { signal: 'stop' });
  // @ts-expect-error the client is not callable without new
  McpServersClient({ apiToken: 't' });
}

// ---------- the official SDK's conveniences: withOptions, withResponse, logger ----------
async function conveniences(client: McpServersClient): Promise<void> {
  const other: McpServersClient = client.withOptions({ accountId: 'other', timeout: 5000 });
  client.withOptions({ apiToken: null, accountId: null, baseURL: null });
  client.withOptions({});
  // @ts-expect-error withOptions takes the constructor's option names
  client.withOptions({ account: 'x' });
  // @ts-expect-error timeout is still a number
  client.withOptions({ timeout: '5s' });

  const raw: McpServersClientWithResponse = other.withResponse();
  const read: WithResponse<McpServer> = await raw.read('x', { account_id: 'acc' }, { timeout: 1000 });
  const page: WithResponse<ServerListPage> = await raw.list({ per_page: 5 });
  const synced: WithResponse<SyncResult> = await raw.sync('x');
  const created: WithResponse<McpServer> = await raw.create({ id: 'x', name: 'n', hostname: 'https://h/mcp', auth_type: 'oauth' });
  const updated: WithResponse<McpServer> = await raw.update('x', { name: 'm' });
  const deleted: WithResponse<McpServer> = await raw.delete('x');
  const response: RawResponse = read.response;
  const status: number = response.status;
  const headers: Headers = response.headers;
  const ray: string | undefined = response.rayId;
  const retries: number = response.retries;
  const limit: RateLimit | undefined = response.rateLimit;
  if (limit) {
    const remaining: number = limit.remaining;
    const reset: number | undefined = limit.reset;
    const quota: number | undefined = limit.limit;
    const window: number | undefined = limit.window;
    const policy: string | undefined = limit.policy;
    use(remaining, reset, quota, window, policy);
  }
  const name: string = read.data.name;
  const items: McpServer[] = page.data.result;
  use(synced, created, updated, deleted, status, headers, ray, retries, name, items);
  // @ts-expect-error the view's results are wrapped: data, not the server itself
  use(read.name);
  // @ts-expect-error the view checks parameters like the client
  raw.update('x', { hostname: 'https://h/mcp' });
  // @ts-expect-error the view has the six operations only
  raw.listAll();
  raw.free();

  const lines: string[] = [];
  const logger: Logger = { error: (m) => lines.push(m), warn: (m) => lines.push(m), info: (m) => lines.push(m), debug: (m) => lines.push(m) };
  const level: LogLevel = 'info';
  new McpServersClient({ apiToken: 't', logger, logLevel: level });
  new McpServersClient({ apiToken: 't', logger: console, logLevel: 'debug' });
  // @ts-expect-error not a level
  new McpServersClient({ apiToken: 't', logLevel: 'verbose' });
  // @ts-expect-error a logger needs the four methods
  new McpServersClient({ apiToken: 't', logger: { info: () => {} } });
  // Explicit nulls, as the official SDK's options allow, opt out of the environment.
  const nulls: ClientOptions = { apiToken: null, apiEmail: null, apiKey: null, userServiceKey: null, baseURL: null };
  use(nulls);
}

use(everyOperation, errors, validators, closedInputs, conveniences, readServer, readSync, readPage);

// Declarative configuration: a file, its plan and an apply, typed end to end.
// It is the `cf-mcp-servers/full` entry's: the main entry's client has no state() or apply().
import { McpServersClient as DeclareClient, validateConfig, exportConfig, planConfig } from 'cf-mcp-servers/full';
import type { McpConfig, AccountState, Plan, Step, ApplyReport, ApplyEvent, FieldChange, Note } from 'cf-mcp-servers/full';

// @ts-expect-error the main entry's client has no state()
const notHere = (main: McpServersClient) => main.state();
void notHere;

async function declarative(client: DeclareClient): Promise<void> {
  const file: McpConfig = {
    servers: [{
      id: 'github', name: 'GitHub', hostname: 'https://gh.example/mcp', auth_type: 'bearer',
      auth_credentials: { env: 'GITHUB_TOKEN' }, catalogue: { tools: { list_issues: 'ab'.repeat(32) } },
    }],
    portals: [{ id: 'main', name: 'Main', hostname: 'mcp.example.com', servers: [{ server_id: 'github', on_behalf: false }] }],
  };
  // @ts-expect-error a secret is never a literal in a file
  const literal: McpConfig = { servers: [{ id: 'x', name: 'X', hostname: 'https://x/mcp', auth_type: 'bearer', auth_credentials: 'ghp_…' }] };
  void literal;
  const problems = validateConfig(JSON.parse('{}'));
  const fields: string[] = problems.map((p) => p.field);
  const state: AccountState = await client.state();
  const exported: McpConfig = exportConfig(state, { catalogue: true });
  const plan: Plan = planConfig(file, state, { prune: true, allowReplace: false });
  const step: Step | undefined = plan.steps[0];
  const action: 'create' | 'update' | 'replace' | 'delete' | undefined = step?.action;
  const changes: FieldChange[] = step?.changes ?? [];
  const notes: Note[] = plan.notes;
  const report: ApplyReport = await client.apply(plan, {
    env: { GITHUB_TOKEN: 'x' },
    onStep: (event: ApplyEvent) => void event.step.id,
    signal: AbortSignal.timeout(60_000),
  });
  const failed: McpServersError | undefined = report.failed?.error;
  void [fields, exported, action, changes, notes, failed, planConfig(exported, state), await client.apply(plan)];
}
void declarative;

// ---------- portals ----------
import {
  McpPortalsClient,
  validatePortalCreateParams,
  validatePortalUpdateParams,
  validatePortalListParams,
  validatePortalId,
  portalToUpdateParams,
  effectivePortalView,
} from 'cf-mcp-servers';
import type {
  McpPortal,
  PortalSummary,
  PortalServer,
  PortalOverride,
  PortalServerLink,
  PortalCreateParams,
  PortalUpdateParams,
  PortalListParams,
  PortalReadParams,
  PortalDeleteParams,
  PortalListPage,
  PortalCreateResponse,
  PortalReadResponse,
  PortalUpdateResponse,
  PortalListResponse,
  PortalDeleteResponse,
  PortalCapability,
  EffectiveView,
  CodeMode,
  KnownCodeMode,
  McpPortalsClientWithResponse,
} from 'cf-mcp-servers';

async function portalOperations(): Promise<void> {
  const portals = new McpPortalsClient({ apiToken: 't', accountId: 'a' });
  const link: PortalServerLink = { server_id: 's', default_disabled: true, on_behalf: false,
    updated_tools: [{ name: 'list_issues', alias: 'issues' }] };
  const create: PortalCreateParams = { id: 'p', name: 'P', hostname: 'p.example.com', code_mode: 'opt_in', servers: [link] };
  const created: McpPortal = await portals.create(create);
  const read: PortalReadResponse = await portals.read('p', { account_id: 'a' } satisfies PortalReadParams);
  const update: PortalUpdateParams = portalToUpdateParams(read);
  const updated: PortalUpdateResponse = await portals.update('p', update, { timeout: 5000 });
  const list: PortalListParams = { page: 1, per_page: 20, search: 'p' };
  const page: PortalListPage = await portals.list(list);
  const first: PortalListResponse | undefined = page.result[0];
  for await (const p of portals.listAll(list, { maxPages: 3 })) use(p satisfies McpPortal);
  const gone: PortalDeleteResponse = await portals.delete('p', {} satisfies PortalDeleteParams);
  const summary: PortalSummary = gone;
  // @ts-expect-error delete answers without servers
  use(gone.servers);
  const entry: PortalServer | undefined = created.servers[0];
  const override: PortalOverride | undefined = entry?.updated_tools?.[0];
  const alias: string | undefined = override?.portal_alias ?? override?.server_alias;
  const mode: CodeMode | undefined = created.code_mode;
  const known: KnownCodeMode = 'enforced';
  const createResponse: PortalCreateResponse = created;
  const view: EffectiveView = effectivePortalView(read);
  const tool: PortalCapability | undefined = view.tools[0];
  const shown: string | undefined = tool && `${tool.name} ${tool.server_id} ${tool.upstream_name} ${tool.description ?? ''}`;
  const schema: unknown = tool?.definition['inputSchema'];
  const problems: Problem[] = [
    ...validatePortalCreateParams({ id: 'p' }),
    ...validatePortalUpdateParams(update),
    ...validatePortalListParams(list),
    ...validatePortalId('p'),
  ];
  const raw: McpPortalsClientWithResponse = portals.withResponse();
  const { data, response } = await raw.read('p');
  const status: number = response.status;
  const other: McpPortalsClient = portals.withOptions({ accountId: 'b' });
  use(updated, first, summary, alias, mode, known, createResponse, shown, schema, problems, data.name, status, other);
  // @ts-expect-error a parameter the call does not take
  await portals.create({ id: 'p', name: 'P', hostname: 'h', auth_type: 'bearer' });
  // @ts-expect-error parameters take the known code modes only
  await portals.update('p', { code_mode: 'sometimes' });
  // @ts-expect-error a portal description is never null
  await portals.update('p', { description: null });
  // @ts-expect-error links name the server with server_id
  await portals.update('p', { servers: [{ id: 's' }] });
  // @ts-expect-error the view has the five operations only
  raw.listAll();
}

use(portalOperations);
