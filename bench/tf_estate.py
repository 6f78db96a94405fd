#!/usr/bin/env python3
"""Writes a Terraform configuration of about N lines (default 10,000) to
DIR/main.tf: one VPC with public and private subnets, an internet gateway
and route tables, and per service a security group (ingress from the load
balancer's group and a CIDR, egress to the VPC), an instance with a fixed
address, and a target group attachment behind one ALB with a listener rule
per service. Used by bench/run.sh for `check --terraform` timing."""
import os
import sys

out_dir = sys.argv[1]
target = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
os.makedirs(out_dir, exist_ok=True)
head = '''resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.128.0/17"
}

resource "aws_security_group" "lb" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_lb" "main" {
  internal        = false
  subnets         = [aws_subnet.public.id]
  security_groups = [aws_security_group.lb.id]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
'''
per = '''
resource "aws_security_group" "s{i}" {{
  vpc_id = aws_vpc.main.id
  ingress {{
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }}
  ingress {{
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/24"]
  }}
  egress {{
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }}
}}

resource "aws_instance" "s{i}" {{
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  private_ip             = "10.0.{hi}.{lo}"
  vpc_security_group_ids = [aws_security_group.s{i}.id]
}}

resource "aws_lb_target_group" "s{i}" {{
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}}

resource "aws_lb_target_group_attachment" "s{i}" {{
  target_group_arn = aws_lb_target_group.s{i}.arn
  target_id        = aws_instance.s{i}.id
  port             = 8080
}}

resource "aws_lb_listener_rule" "s{i}" {{
  listener_arn = aws_lb_listener.http.arn
  priority     = {prio}
  condition {{
    path_pattern {{
      values = ["/s{i}/*"]
    }}
  }}
  action {{
    type             = "forward"
    target_group_arn = aws_lb_target_group.s{i}.arn
  }}
}}
'''
text = head
i = 0
while text.count("\n") < target:
    text += per.format(i=i, hi=128 + i // 250, lo=4 + i % 250, prio=i + 1)
    i += 1
with open(os.path.join(out_dir, "main.tf"), "w") as f:
    f.write(text)
print(f"{text.count(chr(10))} lines, {i} services", file=sys.stderr)
