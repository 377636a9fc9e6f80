// CLI
export { runCli, USAGE, type RunOptions } from './cli.js';
export { processIo, UsageError, type CliIo } from './io.js';

// Commands
export { replay, type ReplayOptions } from './commands/replay.js';
export { diffs, parseTime, queryOf, type DiffsOptions } from './commands/diffs.js';
export { retention, type RetentionCommandOptions } from './commands/retention.js';
export { formatStatus, status, type StatusOptions } from './commands/status.js';
export { rollback, type OverrideScopeFlags } from './commands/rollback.js';
export { clearOverride, type ClearOverrideFlags } from './commands/clear-override.js';
export { DEFAULT_DB } from './commands/store-target.js';

// Modules the defaults know
export { KNOWN_MODULES, locateModule, selectModules, type LocatedModule } from './known-modules.js';
export { whoAmI } from './who.js';
