locals {
  a = local.b
  b = "${local.a}-x"
}

resource "aws_security_group" "one" {
  name        = "one"
  description = aws_security_group.two.name
}

resource "aws_security_group" "two" {
  name        = aws_security_group.one.description
}
