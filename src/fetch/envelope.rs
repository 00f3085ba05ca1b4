//! The service answers either `{success, data}` or the payload directly.

use super::FetchError;
use alloc::string::ToString;
use serde_json::Value;

/// Returns the payload of an answer: `data` of a `{success: true, data}`
/// envelope, or the value itself when it is not an envelope. A
/// `{success: false}` envelope becomes [`FetchError::ServiceError`] carrying its
/// `error` / `message` text.
///
/// ```
/// use pacspace_proof::fetch::unwrap_envelope;
/// use serde_json::json;
/// assert_eq!(unwrap_envelope(json!({"success": true, "data": {"a": 1}})).unwrap(), json!({"a": 1}));
/// assert_eq!(unwrap_envelope(json!({"verified": true})).unwrap(), json!({"verified": true}));
/// assert!(unwrap_envelope(json!({"success": false, "error": "not found"})).is_err());
/// ```
pub fn unwrap_envelope(value: Value) -> Result<Value, FetchError> {
    let Value::Object(mut map) = value else {
        return Err(FetchError::Shape("expected a JSON object".to_string()));
    };
    match map.get("success") {
        Some(Value::Bool(true)) => match map.remove("data") {
            Some(data) => Ok(data),
            None => Err(FetchError::Shape(
                "envelope with success=true has no \"data\"".to_string(),
            )),
        },
        Some(Value::Bool(false)) => {
            let msg = ["error", "message"]
                .iter()
                .find_map(|k| match map.get(*k) {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Object(o)) => {
                        o.get("message").and_then(Value::as_str).map(ToString::to_string)
                    }
                    _ => None,
                })
                .unwrap_or_else(|| "success=false with no message".to_string());
            Err(FetchError::ServiceError(msg))
        }
        _ => Ok(Value::Object(map)),
    }
}
