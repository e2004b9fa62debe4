//! A compact binary encoding for data the build makes and the browser reads
//! (`rules/pack.rs`): unsigned LEB128 numbers, zigzag for signed ones,
//! length-prefixed UTF-8 strings. The reader checks every length against
//! what is left, so a damaged file gives an error naming the byte, never a
//! panic or a huge allocation.

#[derive(Default)]
pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn u(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7F) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    pub fn i(&mut self, n: i64) {
        self.u(((n << 1) ^ (n >> 63)) as u64);
    }

    pub fn f(&mut self, x: f64) {
        self.out.extend_from_slice(&x.to_bits().to_le_bytes());
    }

    pub fn b(&mut self, v: bool) {
        self.out.push(u8::from(v));
    }

    pub fn s(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    pub fn opt_s(&mut self, s: &Option<String>) {
        self.b(s.is_some());
        if let Some(s) = s {
            self.s(s);
        }
    }

    pub fn strs(&mut self, items: &[String]) {
        self.u(items.len() as u64);
        for s in items {
            self.s(s);
        }
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

pub type Result<T> = std::result::Result<T, String>;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    pub fn error(&self, what: &str) -> String {
        format!("byte {}: {what}", self.at)
    }

    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.error("the file ends too early"))?;
        let part = &self.bytes[self.at..end];
        self.at = end;
        Ok(part)
    }

    pub fn u(&mut self) -> Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            n |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.error("a number is too long"))
    }

    pub fn i(&mut self) -> Result<i64> {
        let n = self.u()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    pub fn f(&mut self) -> Result<f64> {
        let bytes = self.take(8)?;
        let mut b = [0u8; 8];
        b.copy_from_slice(bytes);
        Ok(f64::from_bits(u64::from_le_bytes(b)))
    }

    pub fn b(&mut self) -> Result<bool> {
        match self.take(1)?[0] {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.error("expected 0 or 1")),
        }
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left, so no allocation exceeds the file's size.
    pub fn count(&mut self) -> Result<usize> {
        let n = self.u()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(self.error("a length runs past the end of the file"));
        }
        Ok(n as usize)
    }

    pub fn s(&mut self) -> Result<String> {
        let n = self.count()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("text that is not UTF-8"))
    }

    pub fn opt_s(&mut self) -> Result<Option<String>> {
        Ok(if self.b()? { Some(self.s()?) } else { None })
    }

    pub fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.s()).collect()
    }

    /// One of `n` variants.
    pub fn tag(&mut self, n: u8) -> Result<u8> {
        let t = self.take(1)?[0];
        if t < n {
            Ok(t)
        } else {
            Err(self.error("an unknown variant"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_damage_is_an_error() {
        let mut w = Writer::default();
        for n in [0u64, 1, 127, 128, 300, u64::MAX] {
            w.u(n);
        }
        for n in [0i64, -1, 1, i64::MIN, i64::MAX] {
            w.i(n);
        }
        w.s("境外人员临时住宿登记");
        w.f(-1.5);
        w.opt_s(&None);
        let mut r = Reader::new(&w.out);
        for n in [0u64, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.u().unwrap(), n);
        }
        for n in [0i64, -1, 1, i64::MIN, i64::MAX] {
            assert_eq!(r.i().unwrap(), n);
        }
        assert_eq!(r.s().unwrap(), "境外人员临时住宿登记");
        assert_eq!(r.f().unwrap(), -1.5);
        assert_eq!(r.opt_s().unwrap(), None);
        assert!(r.at_end());
        // A length larger than the file is refused before allocating.
        assert!(Reader::new(&[0xFF, 0xFF, 0xFF, 0x0F])
            .s()
            .unwrap_err()
            .contains("runs past"));
        assert!(Reader::new(&[0x80; 11]).u().is_err());
    }
}
