//! Proof of work in [ALTCHA](https://altcha.org/docs/proof-of-work/)'s open
//! format (v1, SHA-256), so any server with an ALTCHA verifier can check it.
//!
//! The site's server issues a challenge (`GET data-challenge-url`):
//! `{algorithm, challenge, maxnumber, salt, signature}`, where `challenge`
//! is `hex(sha256(salt + number))` for a secret `number ≤ maxnumber` and
//! `signature` the server's HMAC of it; the salt carries `expires=` (and,
//! from the WordPress plugin, `issued=`) as a query string. The browser
//! tries numbers from 0 until a hash matches and sends
//! `base64(JSON {algorithm, challenge, number, salt, signature})` with the
//! comment, under the site's field name (`data-challenge-field`).
//!
//! This file is the pure part: reading a challenge, the text to hash for a
//! number, finding the match among digests, writing the payload. Hashing
//! (`crypto.subtle`, off the page's thread) and fetching are the edge's
//! (`edge::proof`). The facts below reach the plugin through the build
//! (`cw-grid facts`).

use serde_json::{json, Value};

use super::{HttpRequest, ProofSpec};

/// The field the solution goes in when the site names none (ALTCHA's own).
pub const FIELD: &str = "altcha";
/// The work a challenge asks for: the highest number it may hide. A median
/// phone (Chromium at 4x CPU slowdown) hashes about 20,000 a second through
/// `crypto.subtle`, and on average searches half the range: about a second
/// (`scripts/bench-spam.mjs` prints the solve times measured here).
pub const MAX_NUMBER: u64 = 40_000;
/// More than this is refused unsolved: a server (or a forged page) may not
/// make a reader's phone work for minutes.
pub const MAX_NUMBER_CAP: u64 = 5_000_000;
/// How long a challenge from the plugin may be used, in seconds.
pub const LIFETIME_SECS: u64 = 2 * 60 * 60;
/// The time trap: a comment sent sooner than this after its challenge was
/// issued is not a person's. The form waits out what is left of it before
/// sending (a person who types that fast is only kept a moment longer).
pub const MIN_AGE_SECS: u64 = 3;
/// A solution this close to its expiry is not sent: a fresh one is solved
/// (at most; less for a challenge that lived less than twice as long).
pub const EXPIRY_MARGIN_SECS: u64 = 60;
/// Numbers hashed per round trip to `crypto.subtle`.
pub const BATCH: u64 = 64;

/// A challenge as the server issued it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub algorithm: String,
    /// `hex(sha256(salt + number))`, lowercase.
    pub challenge: String,
    pub maxnumber: u64,
    pub salt: String,
    pub signature: String,
    /// The 32 bytes `challenge` names.
    target: [u8; 32],
}

/// Why no proof could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProofError {
    /// The challenge could not be fetched (network, timeout, an error status).
    Unreachable,
    /// The answer is not a challenge this widget can solve (not JSON, another
    /// algorithm, a `maxnumber` over the cap, a malformed hash).
    Unreadable,
    /// This browser cannot hash here (`crypto.subtle` needs a secure page:
    /// https, or localhost).
    Unsupported,
    /// No number up to `maxnumber` matches: a forged or broken challenge.
    Unsolvable,
}

impl Challenge {
    /// The challenge in a server's answer, if it is one this widget solves.
    pub fn read(body: &str) -> Result<Challenge, ProofError> {
        let v: Value = crate::json::parse(body).ok_or(ProofError::Unreadable)?;
        let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let algorithm = text("algorithm").ok_or(ProofError::Unreadable)?;
        let challenge = text("challenge").ok_or(ProofError::Unreadable)?.to_ascii_lowercase();
        let salt = text("salt").ok_or(ProofError::Unreadable)?;
        let signature = text("signature").ok_or(ProofError::Unreadable)?;
        // ALTCHA's default when a server leaves it out.
        let maxnumber = match v.get("maxnumber").or_else(|| v.get("maxNumber")) {
            None => 1_000_000,
            Some(n) => n.as_u64().ok_or(ProofError::Unreadable)?,
        };
        if algorithm != "SHA-256" || maxnumber > MAX_NUMBER_CAP || salt.is_empty() || salt.len() > 1000 {
            return Err(ProofError::Unreadable);
        }
        let target = hex32(&challenge).ok_or(ProofError::Unreadable)?;
        Ok(Challenge { algorithm, challenge, maxnumber, salt, signature, target })
    }

    /// A parameter the server put in the salt's query (`expires`, `issued`).
    fn param(&self, name: &str) -> Option<u64> {
        let (_, query) = self.salt.split_once('?')?;
        query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
    }

    /// When the server stops taking a solution, in seconds since the epoch.
    pub fn expires(&self) -> Option<u64> {
        self.param("expires")
    }

    /// When the server issued it (the WordPress plugin's time trap).
    pub fn issued(&self) -> Option<u64> {
        self.param("issued")
    }

    /// True when a solution should not be sent at `now` (seconds, this
    /// browser's clock) for a challenge that arrived at `received`: expired,
    /// or about to. "About to" is a minute before the end, or half the
    /// time the challenge had left when it arrived if that is shorter (a
    /// server whose challenges live 30 s still gets its solutions).
    pub fn stale(&self, now: u64, received: u64) -> bool {
        self.expires().is_some_and(|e| {
            let margin = (e.saturating_sub(received) / 2).min(EXPIRY_MARGIN_SECS);
            now.saturating_add(margin) >= e
        })
    }

    /// How many milliseconds a send at `now_ms` must wait for the time trap,
    /// for a challenge that arrived at `received_ms` (this browser's clock:
    /// the server issued it before then, so no clock difference can make
    /// the send early).
    pub fn wait_ms(&self, received_ms: f64, now_ms: f64) -> u32 {
        if self.issued().is_none() {
            return 0;
        }
        let ready = received_ms + (MIN_AGE_SECS as f64) * 1000.0 + 250.0;
        if now_ms >= ready {
            0
        } else {
            ((ready - now_ms).min(60_000.0)) as u32
        }
    }

    /// The text hashed for `number`.
    pub fn input(&self, number: u64) -> String {
        format!("{}{number}", self.salt)
    }

    /// The numbers of round `round`: `BATCH` of them, none past `maxnumber`
    /// (empty when the range is used up).
    pub fn round(&self, round: u64) -> std::ops::Range<u64> {
        let start = round.saturating_mul(BATCH).min(self.maxnumber.saturating_add(1));
        start..start.saturating_add(BATCH).min(self.maxnumber.saturating_add(1))
    }

    /// True when the digest read byte by byte (at 0 to 31) is the challenge's hash.
    pub fn matches_with(&self, byte: impl Fn(u32) -> u8) -> bool {
        (0u32..).zip(self.target).all(|(at, b)| byte(at) == b)
    }

    /// What is sent with the comment once `number` solved it.
    pub fn payload(&self, number: u64) -> String {
        let json = json!({
            "algorithm": self.algorithm,
            "challenge": self.challenge,
            "number": number,
            "salt": self.salt,
            "signature": self.signature,
        });
        base64(crate::json::write(&json).as_bytes())
    }
}

/// The request that fetches a challenge (a simple GET: no preflight across origins).
pub fn proof_request(spec: &ProofSpec) -> HttpRequest {
    let mut request = HttpRequest::get(spec.url.clone());
    request.headers.push(("Accept".into(), "application/json".into()));
    request
}

/// 64 hexadecimal digits as 32 bytes.
fn hex32(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks(2)) {
        let value = |d: u8| (d as char).to_digit(16);
        let (hi, lo) = match pair {
            [hi, lo] => (value(*hi)?, value(*lo)?),
            _ => return None,
        };
        *byte = (hi * 16 + lo) as u8;
    }
    Some(out)
}

/// Standard base64 with padding (the payload's form; `atob` reads it). Ten
/// lines here weigh less in the wasm than a crate for them.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol = |n: u32| ALPHABET.get((n & 63) as usize).copied().map_or('=', char::from);
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| chunk.get(i).copied().map_or(0, u32::from);
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(symbol(n >> 18));
        out.push(symbol(n >> 12));
        out.push(if chunk.len() > 1 { symbol(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { symbol(n) } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// A challenge as a server makes it, hiding `number`.
    fn issue(salt: &str, number: u64, maxnumber: u64) -> String {
        let challenge = hex(&Sha256::digest(format!("{salt}{number}")));
        json!({"algorithm": "SHA-256", "challenge": challenge, "maxnumber": maxnumber, "salt": salt, "signature": "ab"})
            .to_string()
    }

    /// The browser's search, with the host's SHA-256 in place of `crypto.subtle`.
    fn solve(c: &Challenge) -> Option<u64> {
        (0..).map(|r| c.round(r)).take_while(|r| !r.is_empty()).flatten().find(|n| {
            let digest = Sha256::digest(c.input(*n));
            c.matches_with(|at| digest[at as usize])
        })
    }

    #[test]
    fn a_challenge_is_solved_and_its_payload_is_altchas() {
        let c = Challenge::read(&issue("s4lt?expires=2000000000&issued=1000&", 777, 1000)).unwrap();
        assert_eq!(c.expires(), Some(2_000_000_000));
        assert_eq!(c.issued(), Some(1000));
        assert_eq!(solve(&c), Some(777));
        let payload = c.payload(777);
        let decoded = String::from_utf8(base64_decode(&payload)).unwrap();
        let v: Value = serde_json::from_str(&decoded).unwrap();
        assert_eq!(v["number"], 777);
        assert_eq!(v["salt"], "s4lt?expires=2000000000&issued=1000&");
        assert_eq!(v["algorithm"], "SHA-256");
    }

    #[test]
    fn the_last_number_is_tried_and_none_past_it() {
        let c = Challenge::read(&issue("x", 130, 130)).unwrap();
        assert_eq!(solve(&c), Some(130));
        let c = Challenge::read(&issue("x", 131, 130)).unwrap();
        assert_eq!(solve(&c), None, "a number past maxnumber is never found");
        assert!(c.round(3).is_empty());
    }

    #[test]
    fn what_is_not_a_challenge_we_solve_is_refused() {
        let good = issue("x", 1, 10);
        assert!(Challenge::read(&good).is_ok());
        for bad in [
            "",
            "<html>",
            "null",
            &good.replace("SHA-256", "SHA-512"),
            &good.replace("\"maxnumber\":10", "\"maxnumber\":99999999999"),
            &good.replace("\"maxnumber\":10", "\"maxnumber\":-1"),
            &good.replace("\"maxnumber\":10", "\"maxnumber\":\"10\""),
            r#"{"algorithm":"SHA-256","challenge":"zz","salt":"x","signature":"a"}"#,
            r#"{"algorithm":"SHA-256","challenge":"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé","salt":"x","signature":"a"}"#,
        ] {
            assert_eq!(Challenge::read(bad), Err(ProofError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn the_time_trap_and_expiry_are_read_from_the_salt() {
        let c = Challenge::read(&issue("a?issued=100&expires=200&", 1, 10)).unwrap();
        assert_eq!(c.wait_ms(5.0, 5.0), MIN_AGE_SECS as u32 * 1000 + 250);
        assert_eq!(c.wait_ms(5.0, 1005.0), MIN_AGE_SECS as u32 * 1000 - 750);
        assert_eq!(c.wait_ms(0.0, 200_000.0), 0);
        assert!(!c.stale(100, 100));
        assert!(c.stale(200 - EXPIRY_MARGIN_SECS, 0));
        assert!(!c.stale(200 - EXPIRY_MARGIN_SECS - 1, 0));
        // A challenge with 30 s to live when it arrived is good for 15 s.
        assert!(!c.stale(184, 170) && c.stale(185, 170));
        let plain = Challenge::read(&issue("a", 1, 10)).unwrap();
        assert_eq!((plain.wait_ms(0.0, 0.0), plain.stale(u64::MAX, 0)), (0, false));
        let odd = Challenge::read(&issue("a?expires=x&issued=&expires2=5", 1, 10)).unwrap();
        assert_eq!((odd.expires(), odd.issued()), (None, None));
    }

    fn base64_decode(text: &str) -> Vec<u8> {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut n = 0;
        let mut out = Vec::new();
        for c in text.bytes().filter(|c| *c != b'=') {
            bits = (bits << 6) | ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
            n += 6;
            if n >= 8 {
                n -= 8;
                out.push((bits >> n) as u8);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn base64_round_trips(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let text = base64(&bytes);
            proptest::prop_assert_eq!(text.len() % 4, 0);
            proptest::prop_assert_eq!(base64_decode(&text), bytes);
        }

        #[test]
        fn any_answer_is_read_without_panicking(body in crate::backend::tests::hostile_text(), salt in crate::backend::tests::hostile_text()) {
            let _ = Challenge::read(&body);
            if let Ok(c) = Challenge::read(&issue(&salt, 3, 5)) {
                let _ = (c.expires(), c.issued(), c.wait_ms(0.0, f64::MAX), c.stale(0, u64::MAX), c.payload(3));
            }
        }
    }
}
