//! Terraform's built-in functions as the import evaluates them, one test
//! per function (results checked against Terraform's documentation), and
//! how unknown and secret values flow through them.

use stargate_verify::terraform::eval::Evaluator;
use stargate_verify::terraform::value::Value;

fn ev(src: &str) -> Value {
    match Evaluator::standalone(src) {
        Ok(v) => v,
        Err(d) => panic!("{src}: {}", d.render()),
    }
}

fn err(src: &str) -> &'static str {
    match Evaluator::standalone(src) {
        Ok(v) => panic!("{src} gave {v:?}"),
        Err(d) => d.code,
    }
}

fn s(x: &str) -> Value {
    Value::str(x)
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

fn list(items: &[Value]) -> Value {
    Value::List(items.to_vec())
}

#[test]
fn cidrsubnet() {
    assert_eq!(
        ev(r#"cidrsubnet("10.20.0.0/16", 8, 101)"#),
        s("10.20.101.0/24")
    );
    assert_eq!(
        ev(r#"cidrsubnet("172.16.0.0/12", 4, 2)"#),
        s("172.18.0.0/16")
    );
    assert_eq!(
        ev(r#"cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)"#),
        s("fd00:fd12:3456:7800:a200::/72")
    );
    assert_eq!(
        err(r#"cidrsubnet("10.0.0.0/30", 4, 1)"#),
        "stargate::terraform::function_args"
    );
    assert_eq!(
        err(r#"cidrsubnet("10.0.0.0/16", 2, 4)"#),
        "stargate::terraform::function_args"
    );
    assert_eq!(
        ev(r#"cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)"#),
        list(&[
            s("10.1.0.0/20"),
            s("10.1.16.0/20"),
            s("10.1.32.0/24"),
            s("10.1.48.0/20")
        ])
    );
}

#[test]
fn cidrhost() {
    assert_eq!(ev(r#"cidrhost("10.12.112.0/20", 16)"#), s("10.12.112.16"));
    assert_eq!(ev(r#"cidrhost("10.12.112.0/20", 268)"#), s("10.12.113.12"));
    assert_eq!(ev(r#"cidrhost("10.12.112.0/20", -1)"#), s("10.12.127.255"));
    assert_eq!(
        ev(r#"cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)"#),
        s("fd00:fd12:3456:7890::22")
    );
    assert_eq!(
        err(r#"cidrhost("10.0.0.0/30", 4)"#),
        "stargate::terraform::function_args"
    );
    assert_eq!(ev(r#"cidrnetmask("172.16.0.0/12")"#), s("255.240.0.0"));
}

#[test]
fn collections() {
    assert_eq!(
        ev(r#"concat(["a", ""], ["b", "c"])"#),
        list(&[s("a"), s(""), s("b"), s("c")])
    );
    assert_eq!(ev(r#"merge({ a = 1, b = 2 }, { b = 3 }).b"#), n(3.0));
    assert_eq!(ev(r#"lookup({ a = "ay" }, "a", "what?")"#), s("ay"));
    assert_eq!(ev(r#"lookup({ a = "ay" }, "c", "what?")"#), s("what?"));
    assert_eq!(ev(r#"element(["a", "b", "c"], 3)"#), s("a"));
    assert_eq!(ev(r#"length({ a = 1, b = 2 })"#), n(2.0));
    assert_eq!(ev(r#"length("héllo")"#), n(5.0));
    assert_eq!(
        ev(r#"flatten([["a", "b"], [], ["c", ["d"]]])"#),
        list(&[s("a"), s("b"), s("c"), s("d")])
    );
    assert_eq!(
        ev(r#"toset(["c", "b", "b", "a"])"#),
        list(&[s("a"), s("b"), s("c")])
    );
    assert_eq!(ev(r#"tolist(["a"])"#), list(&[s("a")]));
    assert_eq!(ev(r#"tomap({ a = 1 }).a"#), n(1.0));
    assert_eq!(ev(r#"keys({ b = 1, a = 2 })"#), list(&[s("a"), s("b")]));
    assert_eq!(ev(r#"values({ b = 1, a = 2 })"#), list(&[n(2.0), n(1.0)]));
    assert_eq!(ev(r#"contains(["a", "b"], "b")"#), Value::Bool(true));
    assert_eq!(ev(r#"contains(["a", "b"], "z")"#), Value::Bool(false));
    assert_eq!(
        ev(r#"distinct(["a", "b", "a", "c"])"#),
        list(&[s("a"), s("b"), s("c")])
    );
    assert_eq!(
        ev(r#"compact(["a", "", null, "b"])"#),
        list(&[s("a"), s("b")])
    );
    assert_eq!(ev(r#"zipmap(["a", "b"], [1, 2]).b"#), n(2.0));
    assert_eq!(ev("range(3)"), list(&[n(0.0), n(1.0), n(2.0)]));
    assert_eq!(ev("range(1, 4)"), list(&[n(1.0), n(2.0), n(3.0)]));
    assert_eq!(ev("range(10, 0, -4)"), list(&[n(10.0), n(6.0), n(2.0)]));
    assert_eq!(err("range(0, 1e9)"), "stargate::terraform::function_args");
    assert_eq!(ev(r#"coalesce("", "b")"#), s("b"));
    assert_eq!(ev(r#"coalesce(null, 1)"#), n(1.0));
    assert_eq!(
        err(r#"element([], 0)"#),
        "stargate::terraform::function_args"
    );
    assert_eq!(
        err(r#"zipmap(["a"], [])"#),
        "stargate::terraform::function_args"
    );
}

#[test]
fn strings() {
    assert_eq!(
        ev(r#"format("Hello, %s! %d%%", "Ander", 5)"#),
        s("Hello, Ander! 5%")
    );
    assert_eq!(
        ev(r#"format("%03d-%-4s|%q", 7, "ab", "x")"#),
        s("007-ab  |\"x\"")
    );
    assert_eq!(ev(r#"format("%.2f", 3.14159)"#), s("3.14"));
    assert_eq!(
        ev(r#"join(", ", ["foo", "bar", "baz"])"#),
        s("foo, bar, baz")
    );
    assert_eq!(
        ev(r#"split(",", "foo,bar,baz")"#),
        list(&[s("foo"), s("bar"), s("baz")])
    );
    assert_eq!(ev(r#"split(",", "")"#), list(&[]));
    assert_eq!(ev(r#"replace("1 + 2 + 3", "+", "-")"#), s("1 - 2 - 3"));
    assert_eq!(
        err(r#"replace("a", "/a/", "b")"#),
        "stargate::terraform::function_args"
    );
    assert_eq!(ev(r#"lower("HELLO")"#), s("hello"));
    assert_eq!(ev(r#"upper("hello")"#), s("HELLO"));
    assert_eq!(ev(r#"substr("hello world", 1, 4)"#), s("ello"));
    assert_eq!(ev(r#"trimspace("  a  ")"#), s("a"));
    assert_eq!(ev(r#"trimprefix("helloworld", "hello")"#), s("world"));
}

#[test]
fn json() {
    assert_eq!(
        ev(r#"jsonencode({ hello = "world", n = [1, 2.5] })"#),
        s(r#"{"hello":"world","n":[1,2.5]}"#)
    );
    assert_eq!(
        ev(r#"jsondecode("{\"hello\": \"world\"}").hello"#),
        s("world")
    );
    assert_eq!(
        err(r#"jsondecode("{")"#),
        "stargate::terraform::function_args"
    );
}

#[test]
fn try_and_can() {
    assert_eq!(ev(r#"try({ a = 1 }.b, "fallback")"#), s("fallback"));
    assert_eq!(ev(r#"try({ a = 1 }.a, "fallback")"#), n(1.0));
    assert_eq!(ev(r#"can(cidrhost("10.0.0.0/30", 9))"#), Value::Bool(false));
    assert_eq!(ev(r#"can(cidrhost("10.0.0.0/30", 1))"#), Value::Bool(true));
    assert_eq!(
        err(r#"try(nosuch(1))"#),
        "stargate::terraform::unknown_function"
    );
}

#[test]
fn operators_and_conversions() {
    assert_eq!(ev(r#""3" + 4"#), n(7.0));
    assert_eq!(ev("5 % 3 == 2 && !false"), Value::Bool(true));
    assert_eq!(ev(r#"tostring(5)"#), s("5"));
    assert_eq!(ev(r#"tonumber("5")"#), n(5.0));
    assert_eq!(ev(r#"tobool("true")"#), Value::Bool(true));
    assert_eq!(ev("max(1, 9, 3)"), n(9.0));
    assert_eq!(err(r#""a" * 2"#), "stargate::terraform::type_mismatch");
    assert_eq!(err("1 / 0"), "stargate::terraform::type_mismatch");
    assert_eq!(
        err("frobnicate(1)"),
        "stargate::terraform::unknown_function"
    );
    assert_eq!(err("length(1, 2)"), "stargate::terraform::function_args");
}

#[test]
fn unknown_and_secret_flow_through() {
    use stargate_verify::terraform::functions::call;
    let u = Value::Unknown("aws_instance.a.id".into());
    let secret = Value::Secret("var.pw".into());
    assert_eq!(call("upper", vec![u.clone()]), Ok(u.clone()));
    assert_eq!(call("cidrhost", vec![u.clone(), n(1.0)]), Ok(u.clone()));
    // A secret wins over an unknown.
    assert_eq!(
        call("format", vec![s("%s-%s"), u.clone(), secret.clone()]),
        Ok(secret.clone())
    );
    assert_eq!(
        call("join", vec![s(","), list(&[s("a"), secret.clone()])]),
        Ok(secret.clone())
    );
    assert_eq!(
        call("jsonencode", vec![list(std::slice::from_ref(&secret))]),
        Ok(secret.clone())
    );
    // The shape is known even when the elements are not.
    assert_eq!(
        call("length", vec![list(&[u.clone(), u.clone()])]),
        Ok(n(2.0))
    );
    assert_eq!(
        call(
            "concat",
            vec![list(std::slice::from_ref(&u)), list(&[s("b")])]
        ),
        Ok(list(&[u.clone(), s("b")]))
    );
    // Looking for a value among unknowns: maybe.
    assert_eq!(
        call("contains", vec![list(std::slice::from_ref(&u)), s("x")]),
        Ok(u.clone())
    );
    assert_eq!(
        call("nonsensitive", vec![secret.clone()]),
        Ok(secret.clone())
    );
    assert!(matches!(
        call("sensitive", vec![s("x")]),
        Ok(Value::Secret(_))
    ));
}

#[test]
fn format_widths_are_bounded() {
    let Value::String(out) = ev(r#"format("%999999999d|%.999999999f", 1, 2)"#) else {
        panic!("not a string")
    };
    assert!(out.len() < 10_000);
}
