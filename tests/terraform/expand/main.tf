# count, for_each, dynamic blocks, splats, for expressions, templates.
variable "env" {
  type    = string
  default = "dev"
}

variable "app_count" {
  type    = number
  default = 1
}

locals {
  net      = "10.1.0.0/16"
  subnets  = { for i, z in ["a", "b"] : z => cidrsubnet(local.net, 4, i) }
  admins   = toset(["admin", "ops"])
  ports    = distinct(concat([22, 443], [443, 8443]))
  suffix   = var.env == "prod" ? "" : "-${var.env}"
  hosts    = [for i in range(var.app_count) : cidrhost(local.subnets["a"], 10 + i)]
  rules    = jsondecode(jsonencode({ web = { port = 443 } }))
  tags_all = merge(lookup({ prod = { tier = "1" } }, var.env, {}), { env = upper(var.env) })
}

resource "aws_subnet" "net" {
  for_each   = local.subnets
  vpc_id     = "vpc-123"
  cidr_block = each.value
  tags       = { Name = "net-${each.key}${local.suffix}" }
}

resource "aws_security_group" "web" {
  name   = format("web%s", local.suffix)
  vpc_id = "vpc-123"

  dynamic "ingress" {
    for_each = local.ports
    iterator = p
    content {
      from_port   = p.value
      to_port     = p.value
      protocol    = "tcp"
      cidr_blocks = p.value == 22 ? ["192.0.2.0/24"] : ["0.0.0.0/0"]
    }
  }

  ingress {
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = [local.net]
  }

  ingress {
    from_port   = -1
    to_port     = -1
    protocol    = "icmp"
    cidr_blocks = [local.net]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  count                  = var.app_count
  ami                    = "ami-123"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.net["a"].id
  private_ip             = local.hosts[count.index]
  vpc_security_group_ids = [aws_security_group.web.id]
  tags                   = local.tags_all
}

resource "aws_instance" "bastion" {
  for_each               = local.admins
  ami                    = "ami-123"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.net["b"].id
  vpc_security_group_ids = [aws_security_group.web.id]
}

# Keyed by a value known only after apply: reported, not guessed.
resource "aws_eip" "per_instance" {
  for_each = toset(aws_instance.app[*].id)
  instance = each.value
}

resource "aws_network_acl" "edge" {
  vpc_id = "vpc-123"
}

output "first_app" {
  value = aws_instance.app[0].private_ip
}
