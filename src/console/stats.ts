/**
 * `npm run stats [-- --days 30] [-- --guild <server id>]` prints the /stats report from the
 * database (DATABASE_URL, else the SQLite file at DATABASE_PATH, default
 * ./data/kratom-guide.sqlite): every server together, or one. No Discord needed.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { createEngineOrExit } from '../cli/engine-or-exit.js';
import { exitWithError } from '../cli/fatal.js';
import { botEnvSchema } from '../config/bot-env.js';
import { openStorage, storageTarget } from '../storage/open-storage.js';
import { loadReport } from '../stats/load-report.js';
import { REPORT_PERIODS, reportText } from '../stats/report.js';
import { loadTopicLabels } from '../stats/topic-labels.js';

const USAGE = 'usage: npm run stats -- [--days 7|30] [--guild <server id>]';

const argsSchema = z.object({
  days: z
    .string()
    .refine((value) => (REPORT_PERIODS as readonly number[]).includes(Number(value)), `must be ${REPORT_PERIODS.join(' or ')}`)
    .transform(Number)
    .default(7),
  guild: z
    .string()
    .regex(/^\d{17,20}$/, 'must be a server id (17 to 20 digits)')
    .optional(),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(days|guild)(?:=(.*))?$/.exec(argv[i]!);
    if (!match) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value\n${USAGE}`);
    raw[match[1]!] = value;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')}\n${USAGE}`);
  return parsed.data;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    exitWithError(error);
  }
  const engine = createEngineOrExit();
  const env = botEnvSchema.pick({ DATABASE_PATH: true, DATABASE_URL: true }).safeParse(process.env);
  if (!env.success) exitWithError(new Error(env.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')));
  const target = storageTarget(env.data);
  if (target.kind === 'sqlite' && !existsSync(target.path))
    exitWithError(new Error(`no database at ${target.path} (set DATABASE_PATH, or run the bot first)`));
  const storage = await openStorage(target).catch((error: unknown) => exitWithError(error));
  try {
    const report = await loadReport(storage.db, {
      guildId: args.guild ?? null,
      days: args.days,
      scope: args.guild ? `server ${args.guild}` : 'all servers',
      engine,
      topicLabels: loadTopicLabels(),
    });
    process.stdout.write(`${reportText(report).replaceAll('**', '')}\n`);
  } finally {
    await storage.close();
  }
}

await main();
