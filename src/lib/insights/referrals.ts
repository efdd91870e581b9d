/**
 * Who brought whom, at any depth: the people a customer brought, the people those brought, and
 * so on. A tree per customer who brought someone and was not brought by anyone still in the
 * ledger.
 *
 * The data layer refuses a referral that would close a circle, but two devices syncing could
 * still make one; a circle becomes a tree from one of its members, and nobody is counted twice.
 */

export interface ReferralPerson {
  id: string;
  name: string;
  /** Their referrer; someone not among the people given (deleted) counts as none. */
  referredBy?: string;
  referredAt?: number;
}

export interface ReferralNode {
  id: string;
  name: string;
  /** The people they brought, in the order they came. */
  children: ReferralNode[];
  /** Everyone brought through them, at any depth. */
  descendants: number;
  /** Generations below them: 1 when the people they brought brought nobody. */
  depth: number;
}

export interface ReferralForest {
  /** Largest first. */
  trees: ReferralNode[];
  /** Customers who brought at least one other. */
  referrers: number;
  /** Customers brought by another customer still in the ledger. */
  referred: number;
  /** Trees deeper than one generation: someone brought came to bring someone too. */
  chains: number;
  /** The most generations in one tree. */
  deepest: number;
}

const byArrival = (a: ReferralPerson, b: ReferralPerson) =>
  (a.referredAt ?? 0) - (b.referredAt ?? 0) ||
  a.name.localeCompare(b.name) ||
  a.id.localeCompare(b.id);

export function referralForest(people: readonly ReferralPerson[]): ReferralForest {
  const byId = new Map(people.map((p) => [p.id, p]));
  const childrenOf = new Map<string, ReferralPerson[]>();
  let referred = 0;
  for (const person of people) {
    if (!person.referredBy || person.referredBy === person.id || !byId.has(person.referredBy))
      continue;
    referred++;
    const list = childrenOf.get(person.referredBy);
    if (list) list.push(person);
    else childrenOf.set(person.referredBy, [person]);
  }
  for (const list of childrenOf.values()) list.sort(byArrival);

  const placed = new Set<string>();
  /** Builds a tree without recursion (a long chain must not overflow the stack). */
  const grow = (root: ReferralPerson): ReferralNode => {
    const make = (p: ReferralPerson): ReferralNode => ({
      id: p.id,
      name: p.name,
      children: [],
      descendants: 0,
      depth: 0,
    });
    const top = make(root);
    placed.add(root.id);
    const order: { node: ReferralNode; parent?: ReferralNode }[] = [{ node: top }];
    for (let i = 0; i < order.length; i++) {
      const { node } = order[i]!;
      for (const child of childrenOf.get(node.id) ?? []) {
        if (placed.has(child.id)) continue;
        placed.add(child.id);
        const childNode = make(child);
        node.children.push(childNode);
        order.push({ node: childNode, parent: node });
      }
    }
    // Parents come before their children in `order`: walking it backwards sums from the leaves up.
    for (let i = order.length - 1; i > 0; i--) {
      const { node, parent } = order[i]!;
      parent!.descendants += node.descendants + 1;
      parent!.depth = Math.max(parent!.depth, node.depth + 1);
    }
    return top;
  };

  const trees: ReferralNode[] = [];
  const isRoot = (p: ReferralPerson) =>
    !p.referredBy || p.referredBy === p.id || !byId.has(p.referredBy);
  for (const person of [...people].sort(byArrival)) {
    if (childrenOf.has(person.id) && isRoot(person)) trees.push(grow(person));
  }
  // Whoever is left with people they brought sits on a circle: it becomes a tree of its own.
  for (const person of [...people].sort(byArrival)) {
    if (!placed.has(person.id) && childrenOf.has(person.id)) trees.push(grow(person));
  }
  trees.sort((a, b) => b.descendants - a.descendants || b.depth - a.depth);
  return {
    trees,
    referrers: childrenOf.size,
    referred,
    chains: trees.filter((t) => t.depth > 1).length,
    deepest: trees.reduce((max, t) => Math.max(max, t.depth), 0),
  };
}
