import { describe, expect, it } from 'vitest';
import { COUNCIL } from './council-phrase.ts';
import { LA_ROLE_RULES } from './la-roles.ts';
import {
  ARTICLE_PATH_RULES,
  COUNCIL_TEXT_RULES,
  HOST_RULES,
  NEWS_TEXT_RULES,
  ORG_HOST_RULES,
} from './page-kind.ts';
import { compileRule, type PhraseRule } from './rule.ts';
import { SELF_REFERENCE_RULES } from './self-reference.ts';

function checkTable(
  title: string,
  rules: readonly PhraseRule[],
  compile = (r: PhraseRule) => compileRule(r),
) {
  describe(title, () => {
    for (const rule of rules) {
      it(`${rule.id} matches its examples and none of its counter-examples`, () => {
        const re = compile(rule);
        expect(rule.examples.length).toBeGreaterThan(0);
        for (const example of rule.examples) expect(re.test(example), example).toBe(true);
        for (const counter of rule.counterExamples ?? []) expect(re.test(counter), counter).toBe(false);
      });
    }
  });
}

checkTable('self-reference rules', SELF_REFERENCE_RULES);
checkTable('page-kind host rules', HOST_RULES);
checkTable('page-kind organisation host rules', ORG_HOST_RULES);
checkTable('page-kind article path rules', ARTICLE_PATH_RULES);
checkTable('page-kind text rules', [...NEWS_TEXT_RULES, ...COUNCIL_TEXT_RULES]);
checkTable(
  'LA role rules',
  LA_ROLE_RULES,
  (r) => new RegExp(r.pattern.replaceAll('{COUNCIL}', COUNCIL), r.flags ?? 'i'),
);
