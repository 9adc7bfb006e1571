package dev.distillery.quality.rules;

/**
 * A set of 64-bit hashes with open addressing: built in one pass and probed in constant time, where a sorted
 * array costs a sort per text. Hashes are already well mixed, so the low bits index the table directly.
 */
final class LongSet {
  private long[] slots;
  private boolean hasZero;
  private int size;

  LongSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    slots = new long[capacity];
  }

  static LongSet of(long[] values) {
    LongSet set = new LongSet(values.length);
    for (long v : values) {
      set.add(v);
    }
    return set;
  }

  void add(long value) {
    if (value == 0) {
      if (!hasZero) {
        hasZero = true;
        size++;
      }
      return;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    for (int i = (int) value & mask; ; i = (i + 1) & mask) {
      if (slots[i] == value) {
        return;
      }
      if (slots[i] == 0) {
        slots[i] = value;
        size++;
        return;
      }
    }
  }

  boolean contains(long value) {
    if (value == 0) {
      return hasZero;
    }
    int mask = slots.length - 1;
    for (int i = (int) value & mask; ; i = (i + 1) & mask) {
      if (slots[i] == value) {
        return true;
      }
      if (slots[i] == 0) {
        return false;
      }
    }
  }

  int size() {
    return size;
  }

  /** How many of this set's values are in {@code other}. */
  int sharedWith(LongSet other) {
    int shared = hasZero && other.contains(0) ? 1 : 0;
    for (long v : slots) {
      if (v != 0 && other.contains(v)) {
        shared++;
      }
    }
    return shared;
  }

  /** How many of this set's values are in {@code one} or in {@code other}. */
  int sharedWithEither(LongSet one, LongSet other) {
    int shared = hasZero && (one.contains(0) || other.contains(0)) ? 1 : 0;
    for (long v : slots) {
      if (v != 0 && (one.contains(v) || other.contains(v))) {
        shared++;
      }
    }
    return shared;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = hasZero ? 1 : 0;
    for (long v : old) {
      if (v != 0) {
        add(v);
      }
    }
  }
}
