/** What the bot keeps, said the same way in /help, /setup show and the README. */
export const STORAGE_STATEMENT =
  'What I store: each server’s /setup settings (crisis text, alert channel and role, ask channel, reply visibility, cooldown), and daily counts of replies per server and kind (for example "12 answers, 1 crisis reply on 3 December"). Never what anyone writes, and never who asked. Conversation memory for follow-ups and cooldowns stay in memory only and are forgotten on restart.';
