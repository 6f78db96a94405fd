# A small web network, planned offline with terraform to make plan.json.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "not-for-your-eyes"
}

variable "app_count" {
  type    = number
  default = 2
}

locals {
  cidr = "10.30.0.0/16"
  subnets = [for i in range(2) : cidrsubnet(local.cidr, 8, i)]
}

resource "aws_vpc" "main" {
  cidr_block = local.cidr
}

resource "aws_subnet" "app" {
  count      = length(local.subnets)
  vpc_id     = aws_vpc.main.id
  cidr_block = local.subnets[count.index]
}

resource "aws_security_group" "lb" {
  name   = "lb"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [local.cidr]
  }
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["192.0.2.0/24"]
  }
}

resource "aws_lb" "web" {
  name            = "web"
  internal        = false
  security_groups = [aws_security_group.lb.id]
  subnets         = aws_subnet.app[*].id
}

resource "aws_instance" "app" {
  count                  = var.app_count
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.app[count.index % 2].id
  private_ip             = cidrhost(local.subnets[count.index % 2], 10 + count.index)
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_db_instance" "db" {
  identifier             = "web-db"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  username               = "web"
  password               = var.db_password
  vpc_security_group_ids = [aws_security_group.app.id]
  skip_final_snapshot    = true
}

resource "aws_secretsmanager_secret" "db" {
  name = "web/db"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = var.db_password
}

module "cache" {
  source     = "./modules/cache"
  name       = "web-cache"
  group_ids  = [aws_security_group.app.id]
}
