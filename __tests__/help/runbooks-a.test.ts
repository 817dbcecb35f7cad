import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The operator runbooks are read at 3 a.m.: a link that leads nowhere, or an `npm run` script that
 * does not exist, costs minutes then. These checks keep the four pages honest against the repository.
 */
const ROOT = resolve(__dirname, '..', '..');
const RUNBOOKS = ['architecture.md', 'deploy.md', 'rollback.md', 'disaster-recovery.md'].map((page) =>
  join(ROOT, 'help', page),
);

/** GitHub's heading anchor: lower case, punctuation dropped (but `-` and `_`), spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Text outside fenced code blocks: links and headings inside code are not links or headings. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
}

/** Every anchor a Markdown file offers, duplicates numbered the way GitHub numbers them. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** Relative link targets (`[text](target)`) outside code; external and mail links left out. */
export function relativeLinksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** Script names after `npm run` (flags such as `--silent` skipped), anywhere in the page. */
export function npmScriptsOf(markdown: string): string[] {
  return [...markdown.matchAll(/npm run((?:\s+--?[a-z-]+)*)\s+([a-z][a-z0-9:-]*)/g)].map(
    ([, , name]) => name,
  );
}

const scripts = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts,
);

describe('the helpers', () => {
  it('slugs headings the way GitHub does', () => {
    expect(githubSlug('Pointing the application at the restored instance')).toBe(
      'pointing-the-application-at-the-restored-instance',
    );
    expect(githubSlug('Reading the plan summary (ten seconds)')).toBe('reading-the-plan-summary-ten-seconds');
    expect(githubSlug('The service: image or task definition')).toBe('the-service-image-or-task-definition');
    expect(githubSlug('`data.database.restore`')).toBe('datadatabaserestore');
  });

  it('numbers repeated headings and ignores headings in code', () => {
    const anchors = anchorsOf('# A\n## Tests\n```sh\n# not a heading\n```\n## Tests\n');
    expect([...anchors]).toEqual(['a', 'tests', 'tests-1']);
  });

  it('finds relative links only, and script names after flags', () => {
    expect(relativeLinksOf('[a](deploy.md#x) [b](https://example.com) [c](#local)')).toEqual([
      'deploy.md#x',
      '#local',
    ]);
    expect(npmScriptsOf('npm run synth && npm run --silent cost -- --check')).toEqual(['synth', 'cost']);
  });
});

describe.each(RUNBOOKS)('%s', (page) => {
  const markdown = readFileSync(page, 'utf8');

  it('links only to files and anchors that exist', () => {
    const broken: string[] = [];
    for (const link of relativeLinksOf(markdown)) {
      const [path, anchor] = link.split('#', 2);
      const target = path === '' ? page : resolve(dirname(page), path);
      if (!existsSync(target)) {
        broken.push(`${link}: no file ${target}`);
        continue;
      }
      if (anchor !== undefined && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
        broken.push(`${link}: no heading with anchor #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names only npm scripts that package.json has', () => {
    const mentioned = npmScriptsOf(markdown);
    expect(mentioned.length).toBeGreaterThan(0);
    expect(mentioned.filter((name) => !scripts.includes(name))).toEqual([]);
  });
});
