#!/usr/bin/env node
// Copies the released rulesets (rulesets/*.json at the repository root) into a package's build output,
// so the published module-kit (which loads and compiles rulesets) carries the rulesets it was built with.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const target = resolve(process.argv[2] ?? 'dist/rulesets');
const source = resolve(import.meta.dirname, '..', 'rulesets');
mkdirSync(target, { recursive: true });
for (const file of readdirSync(source).filter((f) => f.endsWith('.json'))) cpSync(join(source, file), join(target, file));
