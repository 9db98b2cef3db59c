//! JSON text → [`serde_json::Value`], the one shape every part of the core
//! reads. On the host, serde_json parses it. In the browser, `JSON.parse`
//! does, and a short walk turns its result into the same `Value`: the wasm
//! then carries no JSON parser (serde_json's deserializer and the float
//! parsing behind it, about 10 KB of the gzip download). Writing is the same:
//! serde_json on the host, `JSON.stringify` in the browser ([`write()`]).

use serde_json::Value;

/// Nesting deeper than this is refused (serde_json's own limit is 128): the
/// walk below recurses, and a wasm stack overflow would be a trap.
const MAX_DEPTH: u32 = 64;

/// The JSON value in `text`, or `None` when it is not JSON (or nests deeper
/// than `MAX_DEPTH`).
///
/// ```
/// let v = comment_widget::internal::json::parse(r#"{"id": 12, "created": 1.5, "text": "é"}"#).unwrap();
/// assert_eq!(v["id"].as_u64(), Some(12));
/// assert_eq!(v["created"].as_f64(), Some(1.5));
/// assert!(comment_widget::internal::json::parse("<html>").is_none());
/// ```
pub fn parse(text: &str) -> Option<Value> {
    let value = parse_any(text)?;
    (depth(&value) <= MAX_DEPTH).then_some(value)
}

/// `value` as JSON text.
///
/// ```
/// let v = serde_json::json!({"a": [1, "é\"<"], "b": null});
/// assert_eq!(comment_widget::internal::json::write(&v), r#"{"a":[1,"é\"<"],"b":null}"#);
/// ```
pub fn write(value: &Value) -> String {
    write_any(value)
}

#[cfg(not(target_arch = "wasm32"))]
fn write_any(value: &Value) -> String {
    value.to_string()
}

#[cfg(target_arch = "wasm32")]
fn write_any(value: &Value) -> String {
    js_sys::JSON::stringify(&to_js(value)).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// A `Value` as the JS value `JSON.stringify` writes the same way.
#[cfg(target_arch = "wasm32")]
fn to_js(value: &Value) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => n.as_f64().map_or(JsValue::NULL, JsValue::from_f64),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(map) => {
            let object = js_sys::Object::new();
            for (k, v) in map {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(k), &to_js(v));
            }
            object.into()
        }
    }
}

/// The value's nesting depth (a scalar is 0).
fn depth(value: &Value) -> u32 {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_any(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

#[cfg(target_arch = "wasm32")]
fn parse_any(text: &str) -> Option<Value> {
    let parsed = js_sys::JSON::parse(text).ok()?;
    from_js(&parsed, 0)
}

/// `JSON.parse`'s result as a `Value`: numbers that are whole become integers
/// (as serde_json reads `12`), others floats.
#[cfg(target_arch = "wasm32")]
fn from_js(v: &wasm_bindgen::JsValue, level: u32) -> Option<Value> {
    use wasm_bindgen::JsCast;
    if level > MAX_DEPTH {
        return None;
    }
    if v.is_null() {
        return Some(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Some(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Some(number(n));
    }
    if let Some(s) = v.as_string() {
        return Some(Value::String(s));
    }
    if let Some(array) = v.dyn_ref::<js_sys::Array>() {
        return array.iter().map(|item| from_js(&item, level + 1)).collect::<Option<Vec<_>>>().map(Value::Array);
    }
    let object = v.dyn_ref::<js_sys::Object>()?;
    let mut map = serde_json::Map::new();
    for key in js_sys::Object::keys(object).iter() {
        let name = key.as_string()?;
        let item = js_sys::Reflect::get(object, &key).ok()?;
        map.insert(name, from_js(&item, level + 1)?);
    }
    Some(Value::Object(map))
}

#[cfg(target_arch = "wasm32")]
fn number(n: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every whole number below is exact
    if n.fract() == 0.0 && n.abs() < EXACT {
        if n >= 0.0 {
            Value::from(n as u64)
        } else {
            Value::from(n as i64)
        }
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(parse(&deep), None);
        let fine = format!("{}1{}", "[".repeat(10), "]".repeat(10));
        assert!(parse(&fine).is_some());
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_or_is_refused(s in crate::backend::tests::hostile_text()) {
            let _ = parse(&s);
        }
    }
}
