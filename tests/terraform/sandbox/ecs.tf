resource "aws_ecs_cluster" "main" {
  name = var.name
}

module "service" {
  source   = "./modules/ecs_service"
  for_each = local.services

  name        = each.key
  port        = each.value.port
  cluster_id  = aws_ecs_cluster.main.id
  vpc_id      = aws_vpc.main.id
  vpc_cidr    = var.vpc_cidr
  subnets     = aws_subnet.private[*].id
  alb_sg_id   = aws_security_group.alb.id
  allow_vpc   = each.value.from_vpc

  target_group_arn = aws_lb_target_group.svc[each.key].arn
}

resource "aws_lb_target_group" "svc" {
  for_each    = local.services
  name        = "${var.name}-${each.key}"
  port        = each.value.port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = aws_vpc.main.id
}

output "service_groups" {
  value = { for k, m in module.service : k => m.security_group_id }
}
