// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { referralForest, type ReferralNode, type ReferralPerson } from './referrals';

const names = (node: ReferralNode): unknown => ({ [node.name]: node.children.map(names) });

describe('who brought whom', () => {
  it('grows a tree through every generation and counts the chains deeper than one', () => {
    const people: ReferralPerson[] = [
      { id: 'sato', name: 'Sato' },
      { id: 'suzuki', name: 'Suzuki', referredBy: 'sato', referredAt: 1 },
      { id: 'tanaka', name: 'Tanaka', referredBy: 'suzuki', referredAt: 2 },
      { id: 'ito', name: 'Ito', referredBy: 'sato', referredAt: 3 },
      { id: 'kato', name: 'Kato' },
      { id: 'yamada', name: 'Yamada', referredBy: 'kato', referredAt: 4 },
    ];
    const forest = referralForest(people);
    expect(forest.trees.map(names)).toEqual([
      { Sato: [{ Suzuki: [{ Tanaka: [] }] }, { Ito: [] }] },
      { Kato: [{ Yamada: [] }] },
    ]);
    expect(forest.trees[0]).toMatchObject({ descendants: 3, depth: 2 });
    expect(forest).toMatchObject({ referrers: 3, referred: 4, chains: 1, deepest: 2 });
  });

  it('starts a tree at someone brought by a customer no longer in the ledger', () => {
    const forest = referralForest([
      { id: 'suzuki', name: 'Suzuki', referredBy: 'deleted-card' },
      { id: 'tanaka', name: 'Tanaka', referredBy: 'suzuki' },
    ]);
    expect(forest.trees.map(names)).toEqual([{ Suzuki: [{ Tanaka: [] }] }]);
    expect(forest.referred).toBe(1);
  });

  it('turns a circle two devices made into one tree, counting nobody twice', () => {
    const forest = referralForest([
      { id: 'a', name: 'A', referredBy: 'b', referredAt: 1 },
      { id: 'b', name: 'B', referredBy: 'a', referredAt: 2 },
      { id: 'c', name: 'C', referredBy: 'c' },
    ]);
    expect(forest.trees.map(names)).toEqual([{ A: [{ B: [] }] }]);
    expect(forest.trees[0]!.descendants).toBe(1);
  });

  it('follows a chain of thousands without running out of stack', () => {
    const people: ReferralPerson[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `p${i}`,
      name: `P${i}`,
      ...(i > 0 ? { referredBy: `p${i - 1}` } : {}),
    }));
    const forest = referralForest(people);
    expect(forest.deepest).toBe(19_999);
    expect(forest.trees[0]!.descendants).toBe(19_999);
  });
});
