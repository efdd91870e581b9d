/**
 * The relationship settings a shop starts with: the stage rules. The follow-up ladder's defaults
 * (lib/follow-up-ladder.ts, read through followUpRulesOf) and the message templates' default
 * wording (message-template-defaults.ts) load only with the screens and queries that use them, so
 * they stay off the first screen.
 */
import type { ShopSettings } from '../model/types';
import { DEFAULT_STAGE_RULES } from '../lib/stages';

export function relationshipSettingDefaults(): Pick<ShopSettings, 'stageRules'> {
  return { stageRules: { ...DEFAULT_STAGE_RULES } };
}
