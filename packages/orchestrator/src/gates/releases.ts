// In `deprecated`, TS stays loaded as the fallback for a number of releases: the module versions seen
// after the one it was deprecated at are counted, and removal waits for enough of them.
import type { ModuleState } from './lifecycle-state.js';

/** The versions seen since the module was deprecated (not the deprecating one), `current` included. */
export function releasesSince(state: ModuleState, current: string): string[] {
  if (state.stage !== 'deprecated' || state.releases === null) return [];
  const entry = state.releases.entry ?? current;
  const seen = new Set(state.releases.seen);
  if (current !== entry) seen.add(current);
  return [...seen].sort();
}

/** The releases record of a deprecated module after an evaluation saw `current`. */
export function noteRelease(state: ModuleState, current: string): ModuleState['releases'] {
  if (state.stage !== 'deprecated') return state.releases;
  const entry = state.releases?.entry ?? current;
  return { entry, seen: releasesSince({ ...state, releases: { entry, seen: state.releases?.seen ?? [] } }, current) };
}
