/**
 * Graded refusal: what each level of the caution flag stops. A shop may refuse someone who abused
 * it, step by step: 注意 (caution: staff are careful, nothing is stopped), 買取お断り (no buy-ins:
 * the shop buys nothing from them and stops following up), 来店お断り (refused: the same, and they
 * are not served). A buy-in from someone above caution needs an owner's override with a reason,
 * which the flag's history keeps.
 */
import { CAUTION_LEVELS, type CautionFlag, type CautionLevel } from '../model/types';

/**
 * The level a flag stands at. A flag set before levels existed has none: caution. A level this
 * version does not know (a restored backup from a newer one) reads as the strictest it knows:
 * when in doubt, be careful.
 */
export function cautionLevelOf(
  caution: Pick<CautionFlag, 'level'> | undefined,
): CautionLevel | undefined {
  if (!caution) return undefined;
  const level = caution.level;
  if (level === undefined) return 'caution';
  return (CAUTION_LEVELS as readonly string[]).includes(level) ? level : 'refused';
}

function aboveCaution(level: CautionLevel | undefined): boolean {
  return level !== undefined && level !== 'caution';
}

/** The app suggests nothing for them and holds back what is already queued. */
export function stopsFollowUps(level: CautionLevel | undefined): boolean {
  return aboveCaution(level);
}

/** Recording a buy-in from them needs an owner's override with a reason. */
export function blocksBuyIns(level: CautionLevel | undefined): boolean {
  return aboveCaution(level);
}
