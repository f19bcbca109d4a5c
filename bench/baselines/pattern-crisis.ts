/**
 * BASELINE for `npm run bench`: the 74 hand-written crisis patterns the engine used before the
 * learned risk detector, kept only to be measured beside it in the same run.
 *
 * Recognises messages that need urgent guidance: suicide, self-harm, overdose and medical
 * emergencies. Death and killing words used as idioms ("that meme killed me", "my commute is
 * killing me", "dying to try it") are not crises: the patterns name the self or the body.
 */
/** The analyzer's old normalisation, kept with the baseline it served. */
function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '');
}

const CRISIS_PATTERNS: RegExp[] = [
  // suicide and wanting to die
  /\bsuicid/,
  /\bkill(s|ing|ed)? (my ?self|me ?self|him ?self|her ?self|them ?selves)\b/,
  /\b(kms|kys|unalive|unaliving|sewerslide)\b/,
  /\b(hang|hanging|drown|drowning|shoot|shooting) my ?self\b/,
  /\bjump(ing)? off (a |the |my )?(bridge|building|roof|balcony|cliff)\b/,
  /\bslit(ting)? my (wrists?|throat)\b/,
  /\b(want|wanna|going) to disappear (forever|for good)\b/,
  /\bwish (i|id) (wasnt|werent|was not|were not|had never been) (alive|born|here)\b/,
  /\bend(ing)? (my|it) (own )?(life|lives)\b/,
  /\bend(ing)? it all\b/,
  /\b(want|wanna|going|gonna|ready|about) to end it\b/,
  /\bno way out\b/,
  /\b(cant|can not|cannot) (keep )?(living|live|go on) like this\b/,
  /\brather (be )?(dead|die)\b(?! than)/,
  /\blife (is not|isnt|aint) worth (it|living)\b/,
  /\bjump(ing)? in front of (a |the )?(train|bus|car|truck)\b/,
  /\b(want|wanna|going|gonna) to (kill|hurt) (someone|somebody|people)\b/,
  /\btak(e|ing) my (own )?life\b/,
  /\b(want|wants|wanna|wanted|going|gonna|ready|plan(ning)?|plans) (to )?die\b/,
  /\b(finish|finishing|end|ending|stop|take|taking) (my|his|her|their) (own )?li(fe|ves)\b/,
  /\btired of (the )?(life|living|being alive)\b/,
  /\bno point (in )?(going on|living|carrying on|being alive|to (life|living))\b/,
  /\b(lethal|fatal|deadly) (dose|amount|quantity)\b/,
  /\bhow much .{0,40}\b(to die|would kill|is lethal|is fatal|to end it)\b/,
  /\b(dont|do not) wake up\b/,
  /\bwish (i|id) (was|were|could be) dead\b/,
  /\bbetter off dead\b/,
  /\b(better off|happier) without me\b/,
  /\b(no ?one|nobody) (would|will|is going to|gonna) (even )?(miss|care|notice)\b/,
  /\b(just )?(not|never) (to )?wake up\b/,
  /\bgiv(e|ing|en) (away )?(my|all my) (stuff|things|belongings|possessions|stuff) away\b/,
  /\b(wrote|writing|write|written) (letters|a letter|notes|a note) (to|for) (my|everyone|everybody)\b/,
  /\b(say|saying|said|wanted to say) (bye|goodbye) to (everyone|everybody|someone|you all|yall|my family|the world)\b/,
  /\bpainless (way|method|death)\b/,
  /\b(easiest|quickest|fastest|surest) way to (die|end it|go)\b/,
  /\b(take|taking|swallow|swallowing|took) (all|every one of|the rest of) (my|the|his|her) (pills|meds|medication|medications|tablets)\b/,
  /\b(took|taken|swallowed|ate)\b.{0,40}\bon purpose\b/,
  /\b(goodbye|suicide|farewell) (notes?|letters?|messages?)\b/,
  /\bgiv(e|ing) away (all )?my (stuff|things|belongings)\b/,
  /\b(life is|life isnt|its) not worth (living|it anymore)\b/,
  /\bnot worth living\b/,
  /\b(no|nothing to) (reason|point) (to|in) (live|living|go on|going on)\b/,
  /\b(dont|do not|no longer) want to (live|be alive|be here|exist|wake up|go on)\b/,
  /\bcant (go on|do this anymore|take it anymore)\b/,
  /\bgiv(e|ing) up on (everything|life|living|myself)\b/,
  /\b(whats|what is) the point (of|in) (living|life|going on)\b/,
  // self-harm
  /\bself[- ]?harm/,
  /\b(hurt|hurts|hurting|harm|harms|harming|cut|cuts|cutting|burn|burns|burning|starve|starving) (my|him|her|them|your) ?sel(f|ves)\b/,
  // overdose
  /\boverdos(?!(e|ed|ing) on (netflix|tv|memes|anime|sugar|chocolate|work)\b)/,
  /\b(od|oded|odd|odin|oding)\b(?! on (netflix|tv|memes|coffee))/,
  /\b(took|taken|had|swallowed|ate|done|did) (way |far |a lot |much )?too (much|many)\b/,
  /\b(took|taken|swallowed|ate) (a |the )?(whole|entire) (bag|bottle|pack|kilo|jar|box)\b/,
  /\b(poisoned|poison control)\b/,
  // medical emergencies
  /\b(not|isnt|stopped|stop|trouble|hard|difficulty|cant|cannot|struggling) ?(breathing|breathe)\b/,
  /\b(unconscious|unresponsive|passed out|wont wake|cant wake|not waking|collapsed|fainted|foaming at the mouth)\b/,
  // A seizure happening now, not a question about whether kratom causes them.
  /\b(having|had|has|is having|started having|going into) (a )?(seizure|seizures|fit)\b/,
  /\b(seizing|convulsing|convulsions)\b/,
  /\bchest (pain|pains|hurts|is hurting|tight|tightness)\b/,
  /\bheart (attack|is racing|racing|pounding|is pounding|stopped)\b/,
  /\b(turning|turned|lips) blue\b/,
  /\b(not responding|isnt responding|wont respond)\b/,
  /\b(having|had|is having) a (stroke|heart attack)\b/,
  /\bserotonin syndrome\b/,
  /\b(vomiting|puking) blood\b/,
  /\b(throwing|throw|threw|coughing) up blood\b/,
  /\bcant stop (throwing up|vomiting|puking|shaking|seizing)\b/,
  /\b(call|calling) (911|999|112|an ambulance|ambulance|poison control)\b/,
  /\b(i think )?(im|i am) dying\b(?! (to|of laughter|laughing|lol|lmao|haha))/,
  /\bam i dying\b/,
];

/** Laughter right after "I'm dying" makes it an idiom. */
const LAUGHTER = /\b(lol|lmao|lmfao|rofl|haha+|hehe)\b|😂|🤣|💀/u;

/** Undoes common digit-for-letter spellings ("su1c1dal") before matching. */
function unLeet(text: string): string {
  return text.replace(/[a-z]*[013457@$][a-z0-9@$]*/g, (word) =>
    /[a-z]/.test(word)
      ? word.replace(/1/g, 'i').replace(/0/g, 'o').replace(/3/g, 'e').replace(/4|@/g, 'a').replace(/5|\$/g, 's').replace(/7/g, 't')
      : word,
  );
}

export function isCrisis(message: string): boolean {
  const text = unLeet(normalize(message).replace(/\s+/g, ' '));
  return CRISIS_PATTERNS.some((pattern) => {
    const match = pattern.exec(text);
    if (!match) return false;
    // "im dying 😂" and "i'm dying lol" are laughter, not an emergency.
    if (/dying/.test(match[0]) && LAUGHTER.test(text)) return false;
    return true;
  });
}
