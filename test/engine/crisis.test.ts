import { describe, expect, it } from 'vitest';
import { isCrisis } from '../../src/engine/crisis.js';

describe('crisis language', () => {
  it.each([
    'I want to kill myself',
    'thinking about suicide',
    'i keep thinking about ending my life',
    'kms',
    'i want to unalive myself',
    'I don’t want to be alive anymore',
    'everyone would be better off without me',
    'I wrote a goodbye note',
    'been cutting myself again',
    'I think I overdosed on kratom',
    'I took way too much kratom and my chest hurts',
    'my friend took kratom and won’t wake up',
    'he is not breathing',
    'she is having a seizure after a big dose',
    'my heart is racing and I feel like passing out',
    'having su1c1dal thoughts',
    'what happens if you overdose on kratom',
    'i feel like giving up on everything',
    'my brother is having a seizure',
    'how much kratom would it take to just not wake up',
    'ive been giving my stuff away and wrote letters to my family',
    'whats the most painless way to go',
    'im gonna take all my pills tonight, nobody will even notice',
    'took like 40g on purpose and now i feel really sick',
    'How much kratom would be a lethal amount?',
    'I am very tired of the life. I think to finish my life with kratom',
    'My girlfriend started cutting herself again after she quit kratom',
    'I already wrote goodbye letters to my kids',
    'no point going on',
    'he says he wants to die',
    'i just want to end it',
    'i cant keep living like this',
    'life isnt worth it anymore',
    'my dad is not responding after mixing kratom and his pills',
    'I think I have serotonin syndrome, I mixed kratom with my SSRI',
  ])('recognises %j', (message) => {
    expect(isCrisis(message)).toBe(true);
  });

  it.each([
    'that meme killed me',
    'my commute is killing me',
    'killing it at the gym today',
    'I’m dying to know if red vein works',
    'im dying lol',
    'this heat is killing me',
    'the suspense is killing me, does kratom interact with antidepressants?',
    'I could die of embarrassment',
    'dead tired all the time',
    'I overdosed on netflix this weekend',
    'kill two birds with one stone',
    'how much kratom should I take?',
    'is kratom poisonous?',
    'can kratom cause seizures?',
    'way to go, thanks for the answer',
    'i would rather die than drink kratom tea again',
    'will kratom hurt my son if he takes it once?',
  ])('does not flag the idiom or ordinary question %j', (message) => {
    expect(isCrisis(message)).toBe(false);
  });
});
