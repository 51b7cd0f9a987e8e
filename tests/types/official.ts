// Code written against the official SDK's types (npm `cloudflare`) compiles against ours. Apart
// from consumer.ts because the SDK's declarations are large: with skipLibCheck false, compiling
// them takes most of a minute, so the matrix compiles this once per TypeScript version.
import { McpServersClient, validateServerCreateParams, validateServerUpdateParams, validateServerListParams } from 'cf-mcp-servers';
import type {
  McpServer, AuthType, ServerStatus, ErrorDetails, AuthConfigSummary, SyncResult, ServerCreateParams,
  ServerUpdateParams, ServerListParams, ServerListResponse, UpdatedTool, UpdatedPrompt,
} from 'cf-mcp-servers';
import type * as Official from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/servers';

declare function use(...values: unknown[]): void;

async function fromTheOfficialSdk(
  client: McpServersClient,
  create: Official.ServerCreateParams,
  update: Official.ServerUpdateParams,
  list: Official.ServerListParams,
  read: Official.ServerReadParams,
  del: Official.ServerDeleteParams,
  sync: Official.ServerSyncParams,
  officialServer: Official.ServerReadResponse,
  officialList: Official.ServerListResponse,
  officialSync: Official.ServerSyncResponse,
): Promise<void> {
  // Parameters typed for client.zeroTrust.access.aiControls.mcp.servers.* pass straight in.
  const c: ServerCreateParams = create;
  const u: ServerUpdateParams = update;
  const l: ServerListParams = list;
  await client.create(create);
  await client.update('x', update);
  await client.list(list);
  for await (const s of client.listAll(list)) use(s);
  await client.read('x', read);
  await client.delete('x', del);
  await client.sync('x', sync);
  validateServerCreateParams(create);
  validateServerUpdateParams(update);
  validateServerListParams(list);

  // The official SDK's response values fit our models (ours are wider only where the API may grow).
  const s1: McpServer = officialServer;
  const s2: ServerListResponse = officialList;
  const s3: SyncResult = officialSync;
  const t: UpdatedTool | undefined = officialServer.updated_tools?.[0];
  const p: UpdatedPrompt | undefined = officialServer.updated_prompts?.[0];
  const d: ErrorDetails | undefined = officialServer.error_details;
  const a: AuthConfigSummary | undefined = officialServer.auth_config_summary;
  const officialAuth: AuthType = officialServer.auth_type;
  const officialStatus: ServerStatus | undefined = officialServer.status;
  const officialSyncStatus: ServerStatus | undefined = officialSync.status;
  use(officialAuth, officialStatus, officialSyncStatus);
  use(c, u, l, s1, s2, s3, t, p, d, a);

  // Our parameter types are the official ones minus the required account_id (a client default).
  const back: Official.ServerCreateParams = { ...c, account_id: 'acc' };
  const backUpdate: Official.ServerUpdateParams = { ...u, account_id: 'acc' };
  const backList: Official.ServerListParams = { ...l, account_id: 'acc' };
  use(back, backUpdate, backList);

  // A function written for the official response type accepts what our client returns,
  // for the fields such code reads.
  const describe = (server: Pick<Official.ServerReadResponse, 'id' | 'name' | 'hostname' | 'description' | 'tools' | 'prompts'>) =>
    `${server.id} ${server.name} ${server.hostname} ${server.description ?? ''} ${server.tools.length}`;
  use(describe(await client.read('x')));
}

use(fromTheOfficialSdk);

import { McpPortalsClient, validatePortalCreateParams, validatePortalUpdateParams, portalToUpdateParams, effectivePortalView } from 'cf-mcp-servers';
import type {
  McpPortal, PortalSummary, PortalCreateParams, PortalUpdateParams, PortalListParams, PortalListResponse,
} from 'cf-mcp-servers';
import type * as OfficialPortals from 'cloudflare/resources/zero-trust/access/ai-controls/mcp/portals';

async function portalsFromTheOfficialSdk(
  client: McpPortalsClient,
  create: OfficialPortals.PortalCreateParams,
  update: OfficialPortals.PortalUpdateParams,
  list: OfficialPortals.PortalListParams,
  read: OfficialPortals.PortalReadParams,
  del: OfficialPortals.PortalDeleteParams,
  officialPortal: OfficialPortals.PortalReadResponse,
  officialListed: OfficialPortals.PortalListResponse,
  officialDeleted: OfficialPortals.PortalDeleteResponse,
): Promise<void> {
  // Parameters typed for client.zeroTrust.access.aiControls.mcp.portals.* pass straight in.
  const c: PortalCreateParams = create;
  const u: PortalUpdateParams = update;
  const l: PortalListParams = list;
  await client.create(create);
  await client.update('x', update);
  await client.list(list);
  for await (const p of client.listAll(list)) use(p);
  await client.read('x', read);
  await client.delete('x', del);
  validatePortalCreateParams(create);
  validatePortalUpdateParams(update);

  // The official SDK's portals fit our models, and our helpers take them.
  const p1: McpPortal = officialPortal;
  const p2: PortalListResponse = officialListed;
  const p3: PortalSummary = officialDeleted;
  use(c, u, l, p1, p2, p3, portalToUpdateParams(officialPortal), effectivePortalView(officialPortal));

  // Ours are the official parameter types minus the required account_id (a client default).
  const back: OfficialPortals.PortalCreateParams = { ...c, account_id: 'acc' };
  const backUpdate: OfficialPortals.PortalUpdateParams = { ...u, account_id: 'acc' };
  use(back, backUpdate);
}

use(portalsFromTheOfficialSdk);
