# A load balancer whose rules use every condition type and every action,
# with targets of both kinds (instances by attachment, an ECS service).
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

variable "api_key" {
  type      = string
  sensitive = true
  default   = "never-printed"
}

resource "aws_vpc" "main" {
  cidr_block = "10.50.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.50.1.0/24"
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

# The VPC's main table sends everything else to the internet gateway.
resource "aws_route" "main_default" {
  route_table_id         = aws_vpc.main.main_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}

resource "aws_security_group" "lb" {
  name   = "lb"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.50.0.0/16"]
  }
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 8443
    to_port         = 8443
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
  ingress {
    from_port       = 9000
    to_port         = 9000
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }
}

resource "aws_lb" "front" {
  name            = "front"
  security_groups = [aws_security_group.lb.id]
  subnets         = [aws_subnet.a.id]
}

resource "aws_instance" "blue" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a.id
  private_ip             = "10.50.1.10"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_instance" "green" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a.id
  private_ip             = "10.50.1.11"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_lb_target_group" "blue" {
  name     = "blue"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_target_group" "green" {
  name     = "green"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_target_group" "jobs" {
  name        = "jobs"
  port        = 9000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id
}

resource "aws_lb_target_group_attachment" "blue" {
  target_group_arn = aws_lb_target_group.blue.arn
  target_id        = aws_instance.blue.id
}

resource "aws_lb_target_group_attachment" "green" {
  target_group_arn = aws_lb_target_group.green.arn
  target_id        = aws_instance.green.id
  port             = 8443
}

resource "aws_ecs_service" "jobs" {
  name            = "jobs"
  task_definition = "jobs:1"
  launch_type     = "FARGATE"
  network_configuration {
    subnets         = [aws_subnet.a.id]
    security_groups = [aws_security_group.app.id]
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.jobs.arn
    container_name   = "jobs"
    container_port   = 9000
  }
}

# Plain HTTP only redirects.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.front.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
  default_action {
    type = "forward"
    forward {
      target_group {
        arn    = aws_lb_target_group.blue.arn
        weight = 90
      }
      target_group {
        arn    = aws_lb_target_group.green.arn
        weight = 10
      }
    }
  }
}

resource "aws_lb_listener_rule" "jobs_api" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 10
  condition {
    path_pattern {
      values = ["/jobs/*", "/jobs"]
    }
  }
  condition {
    http_request_method {
      values = ["GET", "POST"]
    }
  }
  condition {
    http_header {
      http_header_name = "X-Api-Key"
      values           = [var.api_key]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.jobs.arn
  }
}

resource "aws_lb_listener_rule" "office_only" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 20
  condition {
    path_pattern {
      values = ["/admin/*", "/v?/admin/*"]
    }
  }
  condition {
    source_ip {
      values = ["203.0.113.0/24"]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.blue.arn
  }
}

resource "aws_lb_listener_rule" "admin_denied" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 30
  condition {
    path_pattern {
      values = ["/admin/*", "/v?/admin/*", "/*/debug"]
    }
  }
  action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "by_host" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 40
  condition {
    host_header {
      values = ["green.example.com"]
    }
  }
  condition {
    http_header {
      http_header_name = "X-Version"
      values           = ["2", "3*"]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.green.arn
  }
}

resource "aws_lb_listener_rule" "preview" {
  listener_arn = aws_lb_listener.https.arn
  condition {
    query_string {
      key   = "preview"
      value = "true"
    }
  }
  action {
    type  = "authenticate-oidc"
    order = 1
    authenticate_oidc {
      authorization_endpoint = "https://idp.example.com/auth"
      client_id              = "front"
      client_secret          = "not-a-real-secret"
      issuer                 = "https://idp.example.com"
      token_endpoint         = "https://idp.example.com/token"
      user_info_endpoint     = "https://idp.example.com/userinfo"
    }
  }
  action {
    type             = "forward"
    order            = 2
    target_group_arn = aws_lb_target_group.green.arn
  }
}

# A CDN in front, whose origin header is written as a literal.
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = aws_lb.front.dns_name
    origin_id   = "front"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "match-viewer"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
    custom_header {
      name  = "X-From-Cdn"
      value = "cdn-2024"
    }
  }
  ordered_cache_behavior {
    path_pattern           = "static/*.css"
    target_origin_id       = "front"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
  }
  default_cache_behavior {
    target_origin_id       = "front"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
  }
  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = ["IT", "DE"]
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
