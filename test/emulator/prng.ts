// Seeded randomness. Everything the emulator makes up (ids, application ids, which request gets a
// 429) comes from here, so a failing test replays identically. Secrets (PATs, token ids) are the
// exception: they come from node:crypto because nothing should be able to predict them.

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Databricks SCIM ids are int64s written as strings, in practice 16 digits ("8598139271121446").
 * Two draws are needed: one 32-bit draw has too few values to spread 100,000 ids without clashes.
 */
export class IdGenerator {
  private readonly used = new Set<string>();
  constructor(private readonly random: () => number) {}

  nextId(): string {
    for (;;) {
      const high = 10_000_000 + Math.floor(this.random() * 90_000_000);
      const low = Math.floor(this.random() * 100_000_000);
      const id = `${high}${String(low).padStart(8, '0')}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** Marks an id as taken (records cloned or created with explicit ids). */
  reserve(id: string): void {
    this.used.add(id);
  }

  /** A version-4-shaped GUID, the form of Entra application and object ids. */
  nextGuid(): string {
    let hex = '';
    while (hex.length < 32)
      hex += Math.floor(this.random() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
