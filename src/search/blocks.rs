//! Which runs of entries can hold a needle at all. Every `BLOCK_ENTRIES`
//! consecutive entries share a small bit set of the grams their text
//! contains (characters, pairs, ASCII triples and fours; hashed, three
//! bits each); a needle's grams must all be set for its block to be scanned.
//! A query that matches few entries (a typo, a rare name, nothing at all)
//! then reads a few blocks' text instead of the whole index, which is what
//! keeps a keystroke inside its budget at 100k items and at 1M.
//!
//! A set bit may be a collision, so a block that passes is still scanned by
//! `memmem`; a clear bit is proof, so no match is ever skipped.

/// Entries per block: small enough that a rare needle's blocks are few,
/// large enough that the sets cost a few bytes per entry.
pub(super) const BLOCK_ENTRIES: usize = 32;

/// Bits in one block's set, as a power of two (2 KiB a block: about 64
/// bytes per entry; for demo-like text a set is about a quarter full).
const LOG_BITS: u32 = 14;
const BITS: usize = 1 << LOG_BITS;

/// Blocks per chunk: one bit of a word each, so that one load tells 64
/// blocks at once whether they hold a gram.
pub(super) const CHUNK_BLOCKS: usize = 64;

/// The grams of one needle.
#[derive(Debug, Clone)]
pub(super) struct Grams(Vec<u64>);

impl Grams {
    /// The grams a block must hold to hold `needle`; none for a single
    /// ASCII character, which every block may hold.
    pub(super) fn of(needle: &[u8]) -> Grams {
        let mut v = Vec::with_capacity(needle.len() * 2);
        each_gram(needle, |g| v.push(g));
        v.sort_unstable();
        v.dedup();
        Grams(v)
    }
}

/// The blocks' bit sets, laid out bit-major per chunk of `CHUNK_BLOCKS`
/// blocks: word `chunk * BITS + bit` holds that bit of each of the chunk's
/// blocks. A needle is then tried against 64 blocks with one load per bit
/// it needs, instead of a cache miss per block (at 1M items the sets are
/// 60 MiB, far outside any cache).
#[derive(Debug, Default)]
pub(super) struct Blocks {
    words: Vec<u64>,
}

impl Blocks {
    /// Records the text of entry number `entry` in its block's set.
    pub(super) fn add(&mut self, entry: usize, text: &[u8]) {
        let b = entry / BLOCK_ENTRIES;
        let (chunk, j) = (b / CHUNK_BLOCKS, b % CHUNK_BLOCKS);
        if self.words.len() < (chunk + 1) * BITS {
            self.words.resize((chunk + 1) * BITS, 0);
        }
        let words = &mut self.words[chunk * BITS..(chunk + 1) * BITS];
        each_gram(text, |g| {
            for bit in bits(g, chunk) {
                words[usize::from(bit)] |= 1 << j;
            }
        });
    }

    /// Forgets every block (before the entries are laid out again).
    pub(super) fn clear(&mut self) {
        self.words.clear();
    }

    /// Of the blocks of `chunk`, those that may hold a needle with these
    /// grams, one bit each (bit `j` is block `chunk * CHUNK_BLOCKS + j`); a
    /// chunk not yet recorded may hold anything.
    pub(super) fn candidates(&self, chunk: usize, grams: &Grams) -> u64 {
        let Some(words) = self.words.get(chunk * BITS..(chunk + 1) * BITS) else {
            return u64::MAX;
        };
        let mut mask = u64::MAX;
        for &g in &grams.0 {
            for bit in bits(g, chunk) {
                mask &= words[usize::from(bit)];
            }
            if mask == 0 {
                break;
            }
        }
        mask
    }

    /// Whether block `b` may hold a needle with these grams.
    #[cfg(test)]
    pub(super) fn may_hold(&self, b: usize, grams: &Grams) -> bool {
        self.candidates(b / CHUNK_BLOCKS, grams) & (1 << (b % CHUNK_BLOCKS)) != 0
    }

    /// Bytes the sets take (for the memory figures).
    pub(super) fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

/// Calls `f` with every gram of `text`, packed in 64 bits: each character that
/// is not ASCII, each pair of characters, and each triple of ASCII
/// characters (pinyin and digits, whose pairs alone are too common to tell
/// blocks apart). Grams never span a separator: a needle never spans two
/// fields.
fn each_gram(text: &[u8], mut f: impl FnMut(u64)) {
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let (mut z, mut a, mut b) = ('\0', '\0', '\0');
    for c in text.chars() {
        if c != '\0' {
            if !c.is_ascii() {
                f(u64::from(c as u32));
            }
            if b != '\0' {
                f(u64::from(b as u32) << 21 | u64::from(c as u32) | 1 << 63);
                if a != '\0' && a.is_ascii() && b.is_ascii() && c.is_ascii() {
                    let abc = u64::from(a as u32) << 42 | u64::from(b as u32) << 21;
                    f(abc | u64::from(c as u32) | 1 << 62);
                    if z != '\0' && z.is_ascii() {
                        let zabc = [z, a, b, c]
                            .iter()
                            .fold(0, |h, &x| h << 7 | u64::from(x as u32));
                        f(zabc | 1 << 61);
                    }
                }
            }
        }
        (z, a, b) = (a, b, c);
    }
}

/// A gram's three bits in the blocks of `chunk`, from a 64-bit mix of the
/// gram and the chunk's number (splitmix64's finaliser). A rare gram may
/// share its bits with grams nearly every block holds (局, 市, common
/// pinyin): mixing in the chunk makes that bad luck of a few chunks, not
/// of the whole index, and three bits make it rare.
fn bits(gram: u64, chunk: usize) -> [u16; 3] {
    let salt = (chunk as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let mut x = (gram ^ salt).wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    let m = (BITS - 1) as u64;
    [(x & m) as u16, (x >> 21 & m) as u16, (x >> 42 & m) as u16]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_holds_the_grams_of_its_text_and_not_of_others() {
        let mut b = Blocks::default();
        b.add(0, "教育局\0jiaoyuju".as_bytes());
        b.add(BLOCK_ENTRIES, "財政局".as_bytes());
        for n in ["教育", "育局", "jiao", "ju", "教"] {
            assert!(b.may_hold(0, &Grams::of(n.as_bytes())), "{n}");
        }
        assert!(!b.may_hold(1, &Grams::of("教育".as_bytes())));
        assert!(b.may_hold(1, &Grams::of("財政局".as_bytes())));
        // A gram across the separator is not in the text.
        assert!(!b.may_hold(0, &Grams::of("局j".as_bytes())));
    }

    #[test]
    fn a_one_byte_needle_or_an_unknown_block_is_never_ruled_out() {
        let b = Blocks::default();
        assert!(b.may_hold(7, &Grams::of(b"x")));
        let mut b = Blocks::default();
        b.add(0, b"abc");
        assert!(b.may_hold(0, &Grams::of(b"z")));
        assert!(!b.may_hold(0, &Grams::of(b"zq")));
    }
}
