// Compiled with `lib` including ESNext.Disposable (or @types/node): there the client is
// `Disposable`, so `using` frees it at the end of the block. consumer.ts, compiled with ES2022
// alone, proves the same declarations need nothing from that lib.
import { McpServersClient } from 'cf-mcp-servers';

declare function use(...values: unknown[]): void;

{
  using scoped = new McpServersClient({ apiToken: 't' });
  use(scoped);
}
const disposable: Disposable = new McpServersClient();
use(disposable);
