//! Terraform's built-in functions that real configurations use. An unknown
//! or secret argument makes the result unknown or secret (a secret wins),
//! except where the function looks only at the shape (`length` of a list
//! with unknown elements is known). `try` and `can` need their arguments
//! unevaluated, so the evaluator handles them.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::value::{number_text, Value};

#[derive(Debug, Clone, PartialEq)]
pub enum FnError {
    /// No such function.
    Unknown,
    /// Wrong arguments; the message says which and why.
    Args(String),
}

/// The names `call` knows, for suggestions.
pub const NAMES: &[&str] = &[
    "abs",
    "can",
    "ceil",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "distinct",
    "element",
    "endswith",
    "flatten",
    "floor",
    "format",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "lookup",
    "lower",
    "max",
    "merge",
    "min",
    "nonsensitive",
    "one",
    "range",
    "replace",
    "reverse",
    "sensitive",
    "slice",
    "sort",
    "split",
    "startswith",
    "substr",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "try",
    "upper",
    "values",
    "zipmap",
];

type R = Result<Value, FnError>;

fn args_err<T>(msg: impl Into<String>) -> Result<T, FnError> {
    Err(FnError::Args(msg.into()))
}

/// The first secret among the values, else the first unknown.
fn opaque_of<'a>(vals: impl IntoIterator<Item = &'a Value>) -> Option<Value> {
    let mut unknown = None;
    for v in vals {
        match v {
            Value::Secret(_) => return Some(v.clone()),
            Value::Unknown(_) if unknown.is_none() => unknown = Some(v.clone()),
            _ => {}
        }
    }
    unknown
}

pub(crate) fn deep_opaque(v: &Value) -> Option<Value> {
    match v {
        Value::Secret(_) | Value::Unknown(_) => Some(v.clone()),
        Value::List(items) => {
            let inner: Vec<Value> = items.iter().filter_map(deep_opaque).collect();
            opaque_of(&inner)
        }
        Value::Map(_) | Value::Resource(_) => {
            let m = v.as_map()?;
            let inner: Vec<Value> = m.values().filter_map(deep_opaque).collect();
            opaque_of(&inner)
        }
        _ => None,
    }
}

fn arity(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), FnError> {
    if args.len() < min || args.len() > max {
        let want = if min == max {
            format!("{min}")
        } else if max == usize::MAX {
            format!("at least {min}")
        } else {
            format!("{min} to {max}")
        };
        return args_err(format!(
            "{name} takes {want} argument(s), {} given",
            args.len()
        ));
    }
    Ok(())
}

fn string(name: &str, v: &Value) -> Result<String, FnError> {
    v.to_display_string().map_or_else(
        || args_err(format!("{name} needs a string, not a {}", v.type_name())),
        Ok,
    )
}

fn number(name: &str, v: &Value) -> Result<f64, FnError> {
    v.to_number().map_or_else(
        || args_err(format!("{name} needs a number, not a {}", v.type_name())),
        Ok,
    )
}

fn integer(name: &str, v: &Value) -> Result<i64, FnError> {
    let n = number(name, v)?;
    if n.fract() != 0.0 || n.abs() > 9.0e15 {
        return args_err(format!(
            "{name} needs a whole number, not {}",
            number_text(n)
        ));
    }
    Ok(n as i64)
}

fn list<'a>(name: &str, v: &'a Value) -> Result<&'a [Value], FnError> {
    match v {
        Value::List(items) => Ok(items),
        _ => args_err(format!("{name} needs a list, not a {}", v.type_name())),
    }
}

fn map<'a>(name: &str, v: &'a Value) -> Result<&'a BTreeMap<String, Value>, FnError> {
    v.as_map().map_or_else(
        || args_err(format!("{name} needs a map, not a {}", v.type_name())),
        Ok,
    )
}

/// Calls a built-in function on evaluated arguments.
pub fn call(name: &str, args: Vec<Value>) -> R {
    // Functions that look at the shape only, or pass opaque values through.
    match name {
        "length" => {
            arity(name, &args, 1, 1)?;
            return match &args[0] {
                Value::List(v) => Ok(Value::Number(v.len() as f64)),
                Value::Map(_) | Value::Resource(_) => {
                    Ok(Value::Number(args[0].as_map().map_or(0, |m| m.len()) as f64))
                }
                Value::String(s) => Ok(Value::Number(s.chars().count() as f64)),
                v if v.is_opaque() => Ok(v.clone()),
                v => args_err(format!(
                    "length needs a list, map or string, not a {}",
                    v.type_name()
                )),
            };
        }
        "sensitive" => {
            arity(name, &args, 1, 1)?;
            return Ok(Value::Secret("sensitive()".into()));
        }
        // A secret stays a secret: this tool never reveals one.
        "nonsensitive" => {
            arity(name, &args, 1, 1)?;
            return Ok(args.into_iter().next().unwrap_or(Value::Null));
        }
        "coalesce" => {
            arity(name, &args, 1, usize::MAX)?;
            for a in &args {
                match a {
                    Value::Null => {}
                    Value::String(s) if s.is_empty() => {}
                    _ => return Ok(a.clone()),
                }
            }
            return args_err("coalesce: every argument is null or empty");
        }
        _ => {}
    }
    if let Some(o) = opaque_of(&args) {
        if NAMES.contains(&name) {
            return Ok(o);
        }
    }
    match name {
        "concat" => {
            let mut out = Vec::new();
            for a in &args {
                out.extend_from_slice(list(name, a)?);
            }
            Ok(Value::List(out))
        }
        "merge" => {
            let mut out = BTreeMap::new();
            for a in &args {
                if matches!(a, Value::Null) {
                    continue;
                }
                for (k, v) in map(name, a)? {
                    out.insert(k.clone(), v.clone());
                }
            }
            Ok(Value::Map(out))
        }
        "lookup" => {
            arity(name, &args, 2, 3)?;
            let m = map(name, &args[0])?;
            let key = string(name, &args[1])?;
            match (m.get(&key), args.get(2)) {
                (Some(v), _) => Ok(v.clone()),
                (None, Some(d)) => Ok(d.clone()),
                (None, None) => args_err(format!("lookup: no key \"{key}\" and no default")),
            }
        }
        "element" => {
            arity(name, &args, 2, 2)?;
            let items = list(name, &args[0])?;
            let i = integer(name, &args[1])?;
            if items.is_empty() {
                return args_err("element: the list is empty");
            }
            if i < 0 {
                return args_err("element: the index must not be negative");
            }
            Ok(items[(i as usize) % items.len()].clone())
        }
        "flatten" => {
            arity(name, &args, 1, 1)?;
            fn go(v: &[Value], out: &mut Vec<Value>) {
                for x in v {
                    match x {
                        Value::List(inner) => go(inner, out),
                        _ => out.push(x.clone()),
                    }
                }
            }
            let mut out = Vec::new();
            go(list(name, &args[0])?, &mut out);
            Ok(Value::List(out))
        }
        "toset" => {
            arity(name, &args, 1, 1)?;
            let mut out = distinct(list(name, &args[0])?);
            if out.iter().all(|v| matches!(v, Value::String(_))) {
                out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
            Ok(Value::List(out))
        }
        "tolist" => {
            arity(name, &args, 1, 1)?;
            Ok(Value::List(list(name, &args[0])?.to_vec()))
        }
        "tomap" => {
            arity(name, &args, 1, 1)?;
            Ok(Value::Map(map(name, &args[0])?.clone()))
        }
        "keys" => {
            arity(name, &args, 1, 1)?;
            Ok(Value::List(
                map(name, &args[0])?.keys().map(Value::str).collect(),
            ))
        }
        "values" => {
            arity(name, &args, 1, 1)?;
            Ok(Value::List(
                map(name, &args[0])?.values().cloned().collect(),
            ))
        }
        "contains" => {
            arity(name, &args, 2, 2)?;
            let items = list(name, &args[0])?;
            if items.contains(&args[1]) {
                return Ok(Value::Bool(true));
            }
            // An opaque element might be the one looked for.
            match opaque_of(items) {
                Some(o) => Ok(o),
                None => Ok(Value::Bool(false)),
            }
        }
        "format" => {
            arity(name, &args, 1, usize::MAX)?;
            let f = string(name, &args[0])?;
            format(&f, &args[1..])
        }
        "join" => {
            arity(name, &args, 2, usize::MAX)?;
            let sep = string(name, &args[0])?;
            let mut parts = Vec::new();
            for a in &args[1..] {
                let items = list(name, a)?;
                if let Some(o) = opaque_of(items) {
                    return Ok(o);
                }
                for i in items {
                    parts.push(string(name, i)?);
                }
            }
            Ok(Value::String(parts.join(&sep)))
        }
        "split" => {
            arity(name, &args, 2, 2)?;
            let sep = string(name, &args[0])?;
            let s = string(name, &args[1])?;
            if s.is_empty() {
                return Ok(Value::List(Vec::new()));
            }
            if sep.is_empty() {
                return Ok(Value::List(
                    s.chars().map(|c| Value::String(c.into())).collect(),
                ));
            }
            Ok(Value::List(s.split(sep.as_str()).map(Value::str).collect()))
        }
        "replace" => {
            arity(name, &args, 3, 3)?;
            let s = string(name, &args[0])?;
            let from = string(name, &args[1])?;
            let to = string(name, &args[2])?;
            if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                return args_err("replace with a regular expression is not supported yet");
            }
            if from.is_empty() {
                return Ok(Value::String(s));
            }
            Ok(Value::String(s.replace(&from, &to)))
        }
        "lower" => Ok(Value::String(
            string(name, one(name, &args)?)?.to_lowercase(),
        )),
        "upper" => Ok(Value::String(
            string(name, one(name, &args)?)?.to_uppercase(),
        )),
        "trimspace" => Ok(Value::String(
            string(name, one(name, &args)?)?.trim().into(),
        )),
        "trimprefix" | "trimsuffix" | "trim" | "startswith" | "endswith" => {
            arity(name, &args, 2, 2)?;
            let s = string(name, &args[0])?;
            let p = string(name, &args[1])?;
            Ok(match name {
                "trimprefix" => Value::String(s.strip_prefix(p.as_str()).unwrap_or(&s).into()),
                "trimsuffix" => Value::String(s.strip_suffix(p.as_str()).unwrap_or(&s).into()),
                "trim" => Value::String(s.trim_matches(|c| p.contains(c)).into()),
                "startswith" => Value::Bool(s.starts_with(p.as_str())),
                _ => Value::Bool(s.ends_with(p.as_str())),
            })
        }
        "substr" => {
            arity(name, &args, 3, 3)?;
            let s: Vec<char> = string(name, &args[0])?.chars().collect();
            let off = integer(name, &args[1])?;
            let len = integer(name, &args[2])?;
            let start = if off < 0 {
                (s.len() as i64 + off).max(0)
            } else {
                off
            } as usize;
            let start = start.min(s.len());
            let end = if len < 0 {
                s.len()
            } else {
                (start + len as usize).min(s.len())
            };
            Ok(Value::String(s[start..end].iter().collect()))
        }
        "distinct" => {
            arity(name, &args, 1, 1)?;
            Ok(Value::List(distinct(list(name, &args[0])?)))
        }
        "compact" => {
            arity(name, &args, 1, 1)?;
            let items = list(name, &args[0])?;
            Ok(Value::List(
                items
                    .iter()
                    .filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
                    .cloned()
                    .collect(),
            ))
        }
        "coalescelist" => {
            for a in &args {
                if !list(name, a)?.is_empty() {
                    return Ok(a.clone());
                }
            }
            args_err("coalescelist: every list is empty")
        }
        "one" => {
            arity(name, &args, 1, 1)?;
            match list(name, &args[0])? {
                [] => Ok(Value::Null),
                [x] => Ok(x.clone()),
                _ => args_err("one: the list has more than one element"),
            }
        }
        "reverse" => {
            let mut v = list(name, one(name, &args)?)?.to_vec();
            v.reverse();
            Ok(Value::List(v))
        }
        "sort" => {
            let items = list(name, one(name, &args)?)?;
            if let Some(o) = opaque_of(items) {
                return Ok(o);
            }
            let mut v: Vec<String> = items
                .iter()
                .map(|i| string(name, i))
                .collect::<Result<_, _>>()?;
            v.sort();
            Ok(Value::List(v.into_iter().map(Value::String).collect()))
        }
        "slice" => {
            arity(name, &args, 3, 3)?;
            let items = list(name, &args[0])?;
            let (a, b) = (integer(name, &args[1])?, integer(name, &args[2])?);
            if a < 0 || b < a || b as usize > items.len() {
                return args_err(format!(
                    "slice: {a}..{b} is outside a list of {}",
                    items.len()
                ));
            }
            Ok(Value::List(items[a as usize..b as usize].to_vec()))
        }
        "zipmap" => {
            arity(name, &args, 2, 2)?;
            let k = list(name, &args[0])?;
            let v = list(name, &args[1])?;
            if k.len() != v.len() {
                return args_err(format!("zipmap: {} keys but {} values", k.len(), v.len()));
            }
            if let Some(o) = opaque_of(k) {
                return Ok(o);
            }
            let mut out = BTreeMap::new();
            for (key, val) in k.iter().zip(v) {
                out.insert(string(name, key)?, val.clone());
            }
            Ok(Value::Map(out))
        }
        "range" => range(&args),
        "jsonencode" => {
            arity(name, &args, 1, 1)?;
            if let Some(o) = deep_opaque(&args[0]) {
                return Ok(o);
            }
            Ok(Value::String(args[0].to_json().to_string()))
        }
        "jsondecode" => {
            let s = string(name, one(name, &args)?)?;
            match serde_json::from_str::<serde_json::Value>(&s) {
                Ok(j) => Ok(Value::from_json(&j)),
                Err(e) => args_err(format!("jsondecode: not JSON: {e}")),
            }
        }
        "tostring" => {
            let v = one(name, &args)?;
            match v {
                Value::Null => Ok(Value::Null),
                _ => Ok(Value::String(string(name, v)?)),
            }
        }
        "tonumber" => Ok(Value::Number(number(name, one(name, &args)?)?)),
        "tobool" => match one(name, &args)?.to_bool() {
            Some(b) => Ok(Value::Bool(b)),
            None => args_err("tobool needs true or false"),
        },
        "min" | "max" | "abs" | "ceil" | "floor" => {
            arity(name, &args, 1, usize::MAX)?;
            let ns: Vec<f64> = args
                .iter()
                .map(|a| number(name, a))
                .collect::<Result<_, _>>()?;
            Ok(Value::Number(match name {
                "min" => ns.iter().copied().fold(f64::INFINITY, f64::min),
                "max" => ns.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                "abs" => ns[0].abs(),
                "ceil" => ns[0].ceil(),
                _ => ns[0].floor(),
            }))
        }
        "cidrsubnet" => {
            arity(name, &args, 3, 3)?;
            let net = cidr(name, &args[0])?;
            let bits = integer(name, &args[1])?;
            let num = integer(name, &args[2])?;
            cidrsubnet(net, bits, num).map(|n| Value::String(n.to_string()))
        }
        "cidrsubnets" => {
            arity(name, &args, 1, usize::MAX)?;
            let net = cidr(name, &args[0])?;
            // Each new prefix is allocated right after the previous one,
            // aligned to its own size, as Terraform does.
            let mut out = Vec::new();
            let mut next: u128 = 0;
            let width = net.max_prefix_len() as i64;
            for a in &args[1..] {
                let bits = integer(name, a)?;
                let new_len = net.prefix_len() as i64 + bits;
                if bits < 1 || new_len > width {
                    return args_err(format!("cidrsubnets: {bits} new bits do not fit in {net}"));
                }
                let size: u128 = 1u128 << (width - new_len);
                let start = next.div_ceil(size) * size;
                let num = start / size;
                let sub = cidrsubnet(net, bits, num as i64)?;
                out.push(Value::String(sub.to_string()));
                next = start + size;
            }
            Ok(Value::List(out))
        }
        "cidrhost" => {
            arity(name, &args, 2, 2)?;
            let net = cidr(name, &args[0])?;
            let host = integer(name, &args[1])?;
            cidrhost(net, host).map(|a| Value::String(a.to_string()))
        }
        "cidrnetmask" => {
            let net = cidr(name, one(name, &args)?)?;
            match net {
                IpNet::V4(n) => Ok(Value::String(n.netmask().to_string())),
                IpNet::V6(_) => args_err("cidrnetmask only takes IPv4 prefixes"),
            }
        }
        _ => super::functions_more::call(name, &args).unwrap_or(Err(FnError::Unknown)),
    }
}

fn one<'a>(name: &str, args: &'a [Value]) -> Result<&'a Value, FnError> {
    arity(name, args, 1, 1)?;
    Ok(&args[0])
}

fn distinct(items: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for i in items {
        if !out.contains(i) {
            out.push(i.clone());
        }
    }
    out
}

fn range(args: &[Value]) -> R {
    arity("range", args, 1, 3)?;
    let ns: Vec<f64> = args
        .iter()
        .map(|a| number("range", a))
        .collect::<Result<_, _>>()?;
    let (start, limit, step) = match ns.as_slice() {
        [l] => (0.0, *l, 1.0),
        [s, l] => (*s, *l, if l >= s { 1.0 } else { -1.0 }),
        [s, l, st] => (*s, *l, *st),
        _ => return args_err("range takes 1 to 3 arguments"),
    };
    if step == 0.0 {
        return args_err("range: the step must not be zero");
    }
    let count = ((limit - start) / step).ceil();
    if count > 1_000_000.0 {
        return args_err("range: more than 1,000,000 elements");
    }
    let count = count.max(0.0) as usize;
    Ok(Value::List(
        (0..count)
            .map(|i| Value::Number(start + step * i as f64))
            .collect(),
    ))
}

fn cidr(name: &str, v: &Value) -> Result<IpNet, FnError> {
    let s = string(name, v)?;
    s.parse::<IpNet>()
        .or_else(|_| args_err(format!("{name}: \"{s}\" is not an address prefix")))
}

fn cidrsubnet(net: IpNet, bits: i64, num: i64) -> Result<IpNet, FnError> {
    let width = net.max_prefix_len() as i64;
    let new_len = net.prefix_len() as i64 + bits;
    if bits < 0 || new_len > width {
        return args_err(format!("cidrsubnet: {bits} new bits do not fit in {net}"));
    }
    if num < 0 || (bits < 127 && (num as u128) >= (1u128 << bits)) {
        return args_err(format!("cidrsubnet: {num} does not fit in {bits} bits"));
    }
    let shift = width - new_len;
    let base = addr_bits(net.network());
    let add = if shift >= 128 {
        0
    } else {
        (num as u128) << shift
    };
    let addr = from_bits(net.network(), base | add);
    IpNet::new(addr, new_len as u8).or_else(|_| args_err("cidrsubnet: bad prefix"))
}

fn cidrhost(net: IpNet, host: i64) -> Result<IpAddr, FnError> {
    let host_bits = (net.max_prefix_len() - net.prefix_len()) as u32;
    let size: u128 = if host_bits >= 128 {
        u128::MAX
    } else {
        1u128 << host_bits
    };
    let offset: u128 = if host >= 0 {
        host as u128
    } else {
        match size.checked_sub(host.unsigned_abs() as u128) {
            Some(o) => o,
            None => return args_err(format!("cidrhost: {host} is outside {net}")),
        }
    };
    if offset >= size && host_bits < 128 {
        return args_err(format!("cidrhost: {host} is outside {net}"));
    }
    Ok(from_bits(net.network(), addr_bits(net.network()) + offset))
}

fn addr_bits(a: IpAddr) -> u128 {
    match a {
        IpAddr::V4(a) => u32::from(a) as u128,
        IpAddr::V6(a) => u128::from(a),
    }
}

fn from_bits(like: IpAddr, bits: u128) -> IpAddr {
    match like {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from(bits as u32)),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(bits)),
    }
}

/// `format`'s verbs: `%s`, `%d`, `%v`, `%q`, `%f`, `%%`, with an optional
/// width, `0` flag, `-` flag and precision.
fn format(f: &str, args: &[Value]) -> R {
    let mut out = String::new();
    let mut it = f.chars().peekable();
    let mut next = 0usize;
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = it.peek() {
            if d.is_ascii_digit() || d == '.' || d == '-' || d == '+' {
                spec.push(d);
                it.next();
            } else {
                break;
            }
        }
        let Some(verb) = it.next() else {
            return args_err("format: the string ends inside a verb");
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(next) else {
            return args_err(format!("format: not enough arguments for %{verb}"));
        };
        next += 1;
        if arg.is_opaque() {
            return Ok(arg.clone());
        }
        let (left, zero, width, prec) = parse_spec(&spec);
        let text = match verb {
            's' | 'v' => match arg {
                Value::List(_) | Value::Map(_) | Value::Resource(_) => {
                    if let Some(o) = deep_opaque(arg) {
                        return Ok(o);
                    }
                    arg.to_json().to_string()
                }
                _ => string("format", arg)?,
            },
            'q' => serde_json::Value::String(string("format", arg)?).to_string(),
            'd' => format!("{}", integer("format", arg)?),
            'f' => format!("{:.*}", prec.unwrap_or(6), number("format", arg)?),
            't' => match arg.to_bool() {
                Some(b) => b.to_string(),
                None => return args_err("format: %t needs a bool"),
            },
            _ => return args_err(format!("format: the verb %{verb} is not supported")),
        };
        let pad = width.saturating_sub(text.chars().count());
        if left {
            out.push_str(&text);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if zero && verb != 's' {
            let (sign, digits) = match text.strip_prefix('-') {
                Some(d) => ("-", d),
                None => ("", text.as_str()),
            };
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&text);
        }
    }
    Ok(Value::String(out))
}

const MAX_FORMAT_WIDTH: usize = 4096;

fn parse_spec(spec: &str) -> (bool, bool, usize, Option<usize>) {
    let left = spec.contains('-');
    let s = spec.trim_start_matches(['-', '+']);
    let zero = s.starts_with('0');
    let (w, p) = match s.split_once('.') {
        Some((w, p)) => (w, p.parse().ok()),
        None => (s, None),
    };
    // Bounded, so a format string cannot ask for gigabytes of padding.
    let width: usize = w.parse().unwrap_or(0);
    (
        left,
        zero,
        width.min(MAX_FORMAT_WIDTH),
        p.map(|p: usize| p.min(MAX_FORMAT_WIDTH)),
    )
}
