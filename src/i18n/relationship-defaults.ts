/**
 * The relationship settings a shop starts with: stage rules and the follow-up ladder. The message
 * templates' default wording (both languages) lives in message-template-defaults.ts, loaded only
 * with the screens that write messages, so it stays off the first screen.
 */
import type { ShopSettings } from '../model/types';
import { DEFAULT_FOLLOW_UP_RULES, followUpRulesOf } from '../lib/follow-up-ladder';
import { DEFAULT_STAGE_RULES } from '../lib/stages';

export function relationshipSettingDefaults(): Pick<ShopSettings, 'stageRules' | 'followUpRules'> {
  return {
    stageRules: { ...DEFAULT_STAGE_RULES },
    followUpRules: followUpRulesOf(DEFAULT_FOLLOW_UP_RULES),
  };
}
