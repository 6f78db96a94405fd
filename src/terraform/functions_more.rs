//! More of Terraform's built-in functions: paths, sets and collections,
//! strings, numbers and encodings that real configurations use around
//! network resources. Hashes and functions that read the file system or
//! the clock give values known only after apply (see `eval/expr.rs`):
//! nothing here reaches outside the configuration.

use std::collections::BTreeMap;

use super::functions::FnError;
use super::value::Value;

type R = Result<Value, FnError>;

/// The names this file adds.
pub const NAMES: &[&str] = &[
    "abspath",
    "alltrue",
    "anytrue",
    "base64decode",
    "base64encode",
    "basename",
    "chomp",
    "chunklist",
    "dirname",
    "formatlist",
    "index",
    "indent",
    "matchkeys",
    "parseint",
    "pow",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "signum",
    "strrev",
    "sum",
    "title",
    "transpose",
    "urlencode",
];

/// Functions whose result depends on bytes this reader does not compute
/// (hashes) or does not read: known only after apply here.
pub const OPAQUE: &[&str] = &[
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "base64sha256",
    "base64sha512",
    "bcrypt",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "filebase64sha256",
    "filebase64sha512",
    "fileset",
    "uuidv5",
    "timeadd",
    "timecmp",
    "plantimestamp",
    "formatdate",
    "regex",
    "regexall",
    "textencodebase64",
    "textdecodebase64",
];

fn err<T>(msg: impl Into<String>) -> Result<T, FnError> {
    Err(FnError::Args(msg.into()))
}

fn n_args(name: &str, args: &[Value], n: usize) -> Result<(), FnError> {
    if args.len() != n {
        return err(format!(
            "{name} takes {n} argument(s), {} given",
            args.len()
        ));
    }
    Ok(())
}

fn text(name: &str, v: &Value) -> Result<String, FnError> {
    v.to_display_string().map_or_else(
        || err(format!("{name} needs a string, not a {}", v.type_name())),
        Ok,
    )
}

fn items<'a>(name: &str, v: &'a Value) -> Result<&'a [Value], FnError> {
    match v {
        Value::List(i) => Ok(i),
        _ => err(format!("{name} needs a list, not a {}", v.type_name())),
    }
}

fn num(name: &str, v: &Value) -> Result<f64, FnError> {
    v.to_number().map_or_else(
        || err(format!("{name} needs a number, not a {}", v.type_name())),
        Ok,
    )
}

fn set_of(vals: impl IntoIterator<Item = Value>) -> Value {
    let mut out: Vec<Value> = Vec::new();
    for v in vals {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Value::List(out)
}

/// Calls one of these functions; `None` when the name is not one of them.
/// A value known only after apply (or a secret) anywhere in the arguments
/// makes the result one too.
pub fn call(name: &str, args: &[Value]) -> Option<R> {
    if !NAMES.contains(&name) {
        return None;
    }
    if let Some(o) = args.iter().find_map(super::functions::deep_opaque) {
        return Some(Ok(o));
    }
    Some(match name {
        "basename" | "dirname" | "abspath" | "chomp" | "strrev" | "title" | "urlencode"
        | "base64encode" | "base64decode" => (|| {
            n_args(name, args, 1)?;
            let s = text(name, &args[0])?;
            Ok(Value::String(match name {
                "basename" => {
                    let t = s.trim_end_matches('/');
                    t.rsplit('/').next().unwrap_or("").to_string()
                }
                "dirname" => {
                    let t = s.trim_end_matches('/');
                    match t.rfind('/') {
                        Some(0) => "/".into(),
                        Some(i) => t[..i].to_string(),
                        None => ".".into(),
                    }
                }
                "abspath" => s,
                "chomp" => s.trim_end_matches(['\n', '\r']).to_string(),
                "strrev" => s.chars().rev().collect(),
                "title" => title(&s),
                "urlencode" => urlencode(&s),
                "base64encode" => base64_encode(s.as_bytes()),
                _ => match base64_decode(&s).and_then(|b| String::from_utf8(b).ok()) {
                    Some(t) => t,
                    None => return err("base64decode needs Base64 text of UTF-8"),
                },
            }))
        })(),
        "alltrue" | "anytrue" => (|| {
            n_args(name, args, 1)?;
            let xs = items(name, &args[0])?;
            let bools: Option<Vec<bool>> = xs.iter().map(Value::to_bool).collect();
            let Some(b) = bools else {
                return err(format!("{name} needs a list of bools"));
            };
            Ok(Value::Bool(if name == "alltrue" {
                b.iter().all(|x| *x)
            } else {
                b.iter().any(|x| *x)
            }))
        })(),
        "sum" => (|| {
            n_args(name, args, 1)?;
            let xs = items(name, &args[0])?;
            if xs.is_empty() {
                return err("sum needs a non-empty list");
            }
            let mut t = 0.0;
            for x in xs {
                t += num(name, x)?;
            }
            Ok(Value::Number(t))
        })(),
        "signum" => (|| {
            n_args(name, args, 1)?;
            let n = num(name, &args[0])?;
            Ok(Value::Number(if n > 0.0 {
                1.0
            } else if n < 0.0 {
                -1.0
            } else {
                0.0
            }))
        })(),
        "pow" => (|| {
            n_args(name, args, 2)?;
            Ok(Value::Number(
                num(name, &args[0])?.powf(num(name, &args[1])?),
            ))
        })(),
        "parseint" => (|| {
            n_args(name, args, 2)?;
            let s = text(name, &args[0])?;
            let base = num(name, &args[1])?;
            if !(2.0..=62.0).contains(&base) || base.fract() != 0.0 {
                return err("parseint: the base must be a whole number from 2 to 62");
            }
            match i64::from_str_radix(&s, base as u32) {
                Ok(n) => Ok(Value::Number(n as f64)),
                Err(_) => err(format!("parseint: `{s}` is not a number in base {base}")),
            }
        })(),
        "index" => (|| {
            n_args(name, args, 2)?;
            let xs = items(name, &args[0])?;
            match xs.iter().position(|x| *x == args[1]) {
                Some(i) => Ok(Value::Number(i as f64)),
                None => err("index: the value is not in the list"),
            }
        })(),
        "chunklist" => (|| {
            n_args(name, args, 2)?;
            let xs = items(name, &args[0])?;
            let size = num(name, &args[1])?;
            if size < 0.0 || size.fract() != 0.0 {
                return err("chunklist: the size must be a whole number, zero or more");
            }
            if size == 0.0 {
                return Ok(Value::List(vec![Value::List(xs.to_vec())]));
            }
            Ok(Value::List(
                xs.chunks(size as usize)
                    .map(|c| Value::List(c.to_vec()))
                    .collect(),
            ))
        })(),
        "setunion" | "setintersection" | "setsubtract" => (|| {
            if args.is_empty() || (name == "setsubtract" && args.len() != 2) {
                return err(format!("{name}: wrong number of arguments"));
            }
            let sets: Vec<&[Value]> = args
                .iter()
                .map(|a| items(name, a))
                .collect::<Result<_, _>>()?;
            Ok(match name {
                "setunion" => set_of(sets.iter().flat_map(|s| s.iter().cloned())),
                "setintersection" => set_of(
                    sets[0]
                        .iter()
                        .filter(|x| sets[1..].iter().all(|s| s.contains(x)))
                        .cloned(),
                ),
                _ => set_of(sets[0].iter().filter(|x| !sets[1].contains(x)).cloned()),
            })
        })(),
        "setproduct" => (|| {
            let mut out: Vec<Vec<Value>> = vec![Vec::new()];
            for a in args {
                let xs = items(name, a)?;
                let mut next = Vec::new();
                for prefix in &out {
                    for x in xs {
                        let mut p = prefix.clone();
                        p.push(x.clone());
                        next.push(p);
                    }
                }
                if next.len() > 100_000 {
                    return err("setproduct: more than 100,000 combinations");
                }
                out = next;
            }
            Ok(Value::List(out.into_iter().map(Value::List).collect()))
        })(),
        "matchkeys" => (|| {
            n_args(name, args, 3)?;
            let (vals, keys, search) = (
                items(name, &args[0])?,
                items(name, &args[1])?,
                items(name, &args[2])?,
            );
            if vals.len() != keys.len() {
                return err("matchkeys: the values and keys lists differ in length");
            }
            Ok(Value::List(
                vals.iter()
                    .zip(keys)
                    .filter(|(_, k)| search.contains(k))
                    .map(|(v, _)| v.clone())
                    .collect(),
            ))
        })(),
        "transpose" => (|| {
            n_args(name, args, 1)?;
            let Some(m) = args[0].as_map() else {
                return err("transpose needs a map of lists");
            };
            let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for (k, v) in m.iter() {
                for x in items(name, v)? {
                    out.entry(text(name, x)?)
                        .or_default()
                        .push(Value::String(k.clone()));
                }
            }
            Ok(Value::Map(
                out.into_iter().map(|(k, v)| (k, Value::List(v))).collect(),
            ))
        })(),
        "indent" => (|| {
            n_args(name, args, 2)?;
            let n = num(name, &args[0])?;
            let s = text(name, &args[1])?;
            let pad = " ".repeat(n.max(0.0) as usize);
            Ok(Value::String(s.replace('\n', &format!("\n{pad}"))))
        })(),
        "formatlist" => (|| {
            let Some((spec, rest)) = args.split_first() else {
                return err("formatlist needs a format");
            };
            let len = rest
                .iter()
                .filter_map(|a| match a {
                    Value::List(x) => Some(x.len()),
                    _ => None,
                })
                .max();
            let Some(len) = len else {
                return err("formatlist needs at least one list");
            };
            let mut out = Vec::with_capacity(len);
            for i in 0..len {
                let mut call_args = vec![spec.clone()];
                for a in rest {
                    call_args.push(match a {
                        Value::List(x) => match x.get(i) {
                            Some(v) => v.clone(),
                            None => return err("formatlist: the lists differ in length"),
                        },
                        other => other.clone(),
                    });
                }
                out.push(super::functions::call("format", call_args)?);
            }
            Ok(Value::List(out))
        })(),
        _ => return None,
    })
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        let v = B64.iter().position(|&x| x == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    fn ok(name: &str, args: &[Value]) -> Value {
        match call(name, args) {
            Some(Ok(v)) => v,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn the_documented_examples() {
        assert_eq!(ok("basename", &[s("foo/bar/baz.txt")]), s("baz.txt"));
        assert_eq!(ok("dirname", &[s("foo/bar/baz.txt")]), s("foo/bar"));
        assert_eq!(
            ok("base64encode", &[s("Hello World")]),
            s("SGVsbG8gV29ybGQ=")
        );
        assert_eq!(
            ok("base64decode", &[s("SGVsbG8gV29ybGQ=")]),
            s("Hello World")
        );
        assert_eq!(ok("title", &[s("hello world")]), s("Hello World"));
        assert_eq!(ok("strrev", &[s("hello")]), s("olleh"));
        assert_eq!(ok("chomp", &[s("hello\n\n")]), s("hello"));
        assert_eq!(
            ok("parseint", &[s("FF"), Value::Number(16.0)]),
            Value::Number(255.0)
        );
        assert_eq!(
            ok(
                "setunion",
                &[
                    Value::List(vec![s("a"), s("b")]),
                    Value::List(vec![s("b"), s("c")])
                ]
            ),
            Value::List(vec![s("a"), s("b"), s("c")])
        );
        assert_eq!(
            ok(
                "setintersection",
                &[
                    Value::List(vec![s("a"), s("b")]),
                    Value::List(vec![s("b"), s("c")])
                ]
            ),
            Value::List(vec![s("b")])
        );
        assert_eq!(
            ok("index", &[Value::List(vec![s("a"), s("b")]), s("b")]),
            Value::Number(1.0)
        );
        assert_eq!(
            ok(
                "alltrue",
                &[Value::List(vec![Value::Bool(true), Value::Bool(false)])]
            ),
            Value::Bool(false)
        );
        assert_eq!(
            ok(
                "formatlist",
                &[
                    s("Hello, %s!"),
                    Value::List(vec![s("Valentina"), s("Ander")])
                ]
            ),
            Value::List(vec![s("Hello, Valentina!"), s("Hello, Ander!")])
        );
        assert_eq!(
            ok(
                "chunklist",
                &[
                    Value::List(vec![s("a"), s("b"), s("c")]),
                    Value::Number(2.0)
                ]
            ),
            Value::List(vec![
                Value::List(vec![s("a"), s("b")]),
                Value::List(vec![s("c")])
            ])
        );
        assert_eq!(ok("urlencode", &[s("Hello World!")]), s("Hello%20World%21"));
        assert!(call("nothing", &[]).is_none());
    }
}
