//! Field paths, as failures and the seal name fields: `receipt.anchorId`,
//! `items[0].delta.reason`, `seal.fields["receipt.anchorId"]`.
//!
//! A key that is an identifier (ASCII letter, `_` or `$`, then also digits)
//! is written after a dot; any other key as a JSON string in brackets; an
//! array index in brackets.

use alloc::string::String;

/// Whether `key` can be written after a dot.
fn is_identifier(key: &str) -> bool {
    let mut bytes = key.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {}
        _ => return false,
    }
    bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// Appends `key` to `path`.
pub(crate) fn push_key(path: &mut String, key: &str) {
    if is_identifier(key) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::to_string(key).unwrap_or_default());
        path.push(']');
    }
}

/// Appends an array index to `path`.
pub(crate) fn push_index(path: &mut String, index: usize) {
    use core::fmt::Write;
    let _ = write!(path, "[{index}]");
}

/// `prefix` followed by `key`.
pub(crate) fn key(prefix: &str, key: &str) -> String {
    let mut p = String::from(prefix);
    push_key(&mut p, key);
    p
}

/// `items[k]` followed by `rest` (a key path such as `delta.reason`, or empty).
pub(crate) fn item(k: usize, rest: &str) -> String {
    let mut p = String::from("items");
    push_index(&mut p, k);
    for part in rest.split('.').filter(|s| !s.is_empty()) {
        push_key(&mut p, part);
    }
    p
}

/// `base[i]` followed by `.rest` when given.
pub(crate) fn indexed(base: &str, i: usize, rest: &str) -> String {
    let mut p = String::from(base);
    push_index(&mut p, i);
    if !rest.is_empty() {
        push_key(&mut p, rest);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_dot_and_others_bracket() {
        let mut p = String::new();
        push_key(&mut p, "receipt");
        push_key(&mut p, "anchorId");
        assert_eq!(p, "receipt.anchorId");
        assert_eq!(
            key("seal.fields", "receipt.anchorId"),
            r#"seal.fields["receipt.anchorId"]"#
        );
        assert_eq!(key("", "a b"), r#"["a b"]"#);
        assert_eq!(key("x", "1st"), r#"x["1st"]"#);
        assert_eq!(item(2, "delta.reason"), "items[2].delta.reason");
        assert_eq!(item(0, ""), "items[0]");
        assert_eq!(
            indexed("inclusion.path", 1, "position"),
            "inclusion.path[1].position"
        );
    }
}
