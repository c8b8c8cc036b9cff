import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// The layering rule of the README's layout section, checked on every import of the tree.
const root = path.resolve(import.meta.dirname, '..');

/**
 * The service's folders and root files, from the entry points down: each may import only what is
 * listed after it (and its own folder). A new folder takes its place here.
 */
const servicesOrder = [
  'services/cli.ts',
  'services/serve.ts',
  'services/app.ts',
  'services/routes',
  'services/web',
  'services/control',
  'services/http',
  'services/deps.ts',
  'services/page-services.ts',
  'services/messagerie',
  'services/lots',
  'services/retention',
  'services/revue',
  'services/pieces',
  'services/mail',
  'services/lot-state',
  'services/demandes',
  'services/acteurs',
  'services/pages',
  'services/config.ts',
  'services/today.ts',
  'services/app-error.ts',
];

/** Top folders, and what each may import of the others. */
const allowed: Record<string, string[]> = {
  classification: [],
  storage: ['classification'],
  services: ['classification', 'storage'],
  fixtures: ['classification'],
  scripts: ['classification', 'storage', 'services', 'fixtures', 'test'],
  test: ['classification', 'storage', 'services', 'fixtures', 'scripts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** The project files a source file imports (static, re-exported, side-effect and dynamic imports). */
function projectImports(file: string, source: string): { specifier: string; target: string }[] {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((specifier) => ({ specifier, target: path.posix.join(path.posix.dirname(file), specifier) }));
}

/** Where a file sits in the rule: its top folder, and inside services its folder or root file. */
function placeOf(file: string): { top: string; service: string | null } {
  const [top, second, third] = file.split('/');
  if (top !== 'services') return { top: top!, service: null };
  return { top, service: third === undefined ? file : `services/${second}` };
}

/** Why an import breaks the rule, or null when it keeps it. */
function breach(file: string, target: string): string | null {
  const from = placeOf(file);
  const to = placeOf(target);
  if (from.top !== to.top) {
    const mayImport = allowed[from.top];
    if (mayImport === undefined) return null;
    return mayImport.includes(to.top) ? null : `${from.top}/ imports nothing from ${to.top}/`;
  }
  if (from.service === null || to.service === null || from.service === to.service) return null;
  const rank = (place: string) => servicesOrder.indexOf(place);
  if (rank(from.service) === -1) return `${from.service} has no place in the services order (test/layers.test.ts)`;
  if (rank(to.service) === -1) return `${to.service} has no place in the services order (test/layers.test.ts)`;
  return rank(to.service) > rank(from.service) ? null : `${from.service} sits above ${to.service}: the import runs upwards`;
}

test('every import of the tree points down the layers (README, layout)', () => {
  const breaches = Object.keys(allowed).flatMap((top) =>
    sourceFiles(top).flatMap((file) =>
      projectImports(file, readFileSync(path.join(root, file), 'utf8')).flatMap(({ specifier, target }) => {
        const why = breach(file, target);
        return why ? [`${file} imports '${specifier}': ${why}`] : [];
      }),
    ),
  );
  assert.equal(breaches, [], `\n${breaches.join('\n')}`);
});

test('the rule itself: an upward import, a storage file reaching into services, and a folder left out are each named', () => {
  assert.is(breach('services/revue/resolve-task.ts', 'services/lots/process-lot.ts'), 'services/revue sits above services/lots: the import runs upwards');
  assert.is(breach('storage/object-store.ts', 'services/app-error.ts'), 'storage/ imports nothing from services/');
  assert.is(breach('classification/x.ts', 'storage/schema/index.ts'), 'classification/ imports nothing from storage/');
  assert.is(breach('services/nouveau/x.ts', 'services/pieces/file-piece.ts'), 'services/nouveau has no place in the services order (test/layers.test.ts)');
  assert.is(breach('services/lots/process-lot.ts', 'services/pieces/file-piece.ts'), null);
  assert.equal(
    projectImports('services/lots/a.ts', "import type { B } from './b.ts';\nexport { c } from './c.ts';\nimport './d.ts';\nconst e = await import('./e.ts');"),
    ['b', 'c', 'd', 'e'].map((name) => ({ specifier: `./${name}.ts`, target: `services/lots/${name}.ts` })),
  );
});

test.run();
