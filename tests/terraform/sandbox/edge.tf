resource "random_password" "origin_verify" {
  length  = 32
  special = false
}

data "aws_secretsmanager_secret_version" "admin" {
  secret_id = "stargate-sandbox/admin-header-secret"
}

resource "aws_lb" "alb" {
  name               = "${var.name}-alb"
  internal           = false
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
  subnets            = aws_subnet.public[*].id
}

# Port 80: LiteLLM and Grafana, only with CloudFront's X-Origin-Verify.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.alb.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "403"
    }
  }
}

# The admin routes of LiteLLM also need the admin header secret.
resource "aws_lb_listener_rule" "admin" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 5
  condition {
    path_pattern {
      values = ["/key/*", "/user/*", "/model/*", "/spend/*"]
    }
  }
  condition {
    http_header {
      http_header_name = "X-Origin-Verify"
      values           = [random_password.origin_verify.result]
    }
  }
  condition {
    http_header {
      http_header_name = "X-Admin-Secret"
      values           = [data.aws_secretsmanager_secret_version.admin.secret_string]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc["litellm"].arn
  }
}

resource "aws_lb_listener_rule" "admin_denied" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 6
  condition {
    path_pattern {
      values = ["/key/*", "/user/*", "/model/*", "/spend/*"]
    }
  }
  action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "403"
    }
  }
}

resource "aws_lb_listener_rule" "grafana" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 10
  condition {
    path_pattern {
      values = ["/grafana/*"]
    }
  }
  condition {
    http_header {
      http_header_name = "X-Origin-Verify"
      values           = [random_password.origin_verify.result]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc["grafana"].arn
  }
}

resource "aws_lb_listener_rule" "litellm" {
  listener_arn = aws_lb_listener.http.arn
  priority     = 20
  condition {
    http_header {
      http_header_name = "X-Origin-Verify"
      values           = [random_password.origin_verify.result]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc["litellm"].arn
  }
}

# Port 8080: Langfuse, with the header or from inside the VPC.
resource "aws_lb_listener" "langfuse" {
  load_balancer_arn = aws_lb.alb.arn
  port              = 8080
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "403"
    }
  }
}

resource "aws_lb_listener_rule" "langfuse_header" {
  listener_arn = aws_lb_listener.langfuse.arn
  priority     = 10
  condition {
    http_header {
      http_header_name = "X-Origin-Verify"
      values           = [random_password.origin_verify.result]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc["langfuse"].arn
  }
}

resource "aws_lb_listener_rule" "langfuse_vpc" {
  listener_arn = aws_lb_listener.langfuse.arn
  priority     = 20
  condition {
    source_ip {
      values = [var.vpc_cidr]
    }
  }
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc["langfuse"].arn
  }
}

# Port 9090: Victoria Metrics, from inside the VPC (the group says so).
resource "aws_lb_listener" "victoria" {
  load_balancer_arn = aws_lb.alb.arn
  port              = 9090
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc["victoria"].arn
  }
}

resource "aws_wafv2_web_acl" "edge" {
  name  = "${var.name}-edge"
  scope = "CLOUDFRONT"
  default_action {
    allow {}
  }
  rule {
    name     = "common"
    priority = 2
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "edge"
    sampled_requests_enabled   = true
  }
}

# Admin routes need X-Admin-Secret (checked by code at the edge).
resource "aws_cloudfront_function" "admin_gate" {
  name    = "${var.name}-admin-gate"
  runtime = "cloudfront-js-2.0"
  code    = "function handler(event) { return event.request; }"
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn
  origin {
    domain_name = aws_lb.alb.dns_name
    origin_id   = "alb"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
    custom_header {
      name  = "X-Origin-Verify"
      value = random_password.origin_verify.result
    }
  }
  origin {
    domain_name = aws_lb.alb.dns_name
    origin_id   = "alb-langfuse"
    custom_origin_config {
      http_port              = 8080
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
    custom_header {
      name  = "X-Origin-Verify"
      value = random_password.origin_verify.result
    }
  }
  ordered_cache_behavior {
    path_pattern           = "/langfuse/*"
    target_origin_id       = "alb-langfuse"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    forwarded_values {
      query_string = true
      cookies {
        forward = "all"
      }
    }
  }
  default_cache_behavior {
    target_origin_id       = "alb"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods         = ["GET", "HEAD"]
    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.admin_gate.arn
    }
    forwarded_values {
      query_string = true
      cookies {
        forward = "all"
      }
    }
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
