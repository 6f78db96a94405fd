locals {
  # 10.20.1.0/24 .. 10.20.3.0/24 private, 10.20.101.0/24 .. public.
  private_subnets = [for i, az in var.azs : cidrsubnet(var.vpc_cidr, 8, i + 1)]
  public_subnets  = [for i, az in var.azs : cidrsubnet(var.vpc_cidr, 8, i + 101)]
  tags            = merge({ Project = var.name }, { Environment = "sandbox" })

  services = {
    litellm  = { port = 4000, from_vpc = true }
    grafana  = { port = 3000, from_vpc = false }
    langfuse = { port = 3000, from_vpc = false }
    victoria = { port = 8428, from_vpc = false }
  }

  alb_ingress = [
    { port = 80, cidrs = [], description = "CloudFront + Header: LiteLLM, Grafana" },
    { port = 8080, cidrs = [], description = "CloudFront + Header: Langfuse" },
    { port = 8080, cidrs = [var.vpc_cidr], description = "VPC: Langfuse callbacks" },
    { port = 9090, cidrs = [var.vpc_cidr], description = "VPC: Victoria Metrics" },
  ]
}

resource "aws_vpc" "main" {
  cidr_block = var.vpc_cidr
  tags       = local.tags
}

resource "aws_subnet" "private" {
  count             = length(local.private_subnets)
  vpc_id            = aws_vpc.main.id
  cidr_block        = local.private_subnets[count.index]
  availability_zone = element(var.azs, count.index)
}

resource "aws_subnet" "public" {
  count                   = length(local.public_subnets)
  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.public_subnets[count.index]
  availability_zone       = var.azs[count.index]
  map_public_ip_on_launch = true
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

# Public subnets: the ALB and the NAT gateway, routed to the internet.
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_route_table_association" "public" {
  count          = length(aws_subnet.public)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
}

# Private subnets: out through NAT only.
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}

resource "aws_route_table_association" "private" {
  count          = length(aws_subnet.private)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
