/** Disjoint sets over string nodes. */
export function createUnionFind() {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string;
    let node = x;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    if (!parent.has(root)) parent.set(root, root);
    return root;
  };
  return {
    find,
    union(a: string, b: string) {
      const ra = find(a);
      const rb = find(b);
      // The smaller id becomes the root, so the result does not depend on the order of unions.
      if (ra !== rb) ra < rb ? parent.set(rb, ra) : parent.set(ra, rb);
    },
  };
}
