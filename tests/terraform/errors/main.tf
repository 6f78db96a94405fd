variable "required" {
  type = string
}

locals {
  a = nosuchfunction(1)
  b = "x" + 1
  c = lookup({}, "k")
  d = var.undeclared
}

resource "aws_instance" "x" {
  ami           = local.a
  instance_type = "t3.micro"
  tags          = { c = local.c, d = local.d, b = local.b }
  subnet_id     = var.required
}
