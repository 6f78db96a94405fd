resource "aws_db_instance" "postgres" {
  identifier             = "${var.name}-db"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  username               = "app"
  password               = var.db_password
  vpc_security_group_ids = [aws_security_group.rds.id]
  db_subnet_group_name   = aws_db_subnet_group.main.name
  publicly_accessible    = false
  multi_az               = true
  skip_final_snapshot    = true
}

resource "aws_db_subnet_group" "main" {
  name       = "${var.name}-db"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_efs_file_system" "shared" {
  creation_token = "${var.name}-efs"
}

resource "aws_efs_mount_target" "shared" {
  count           = length(aws_subnet.private)
  file_system_id  = aws_efs_file_system.shared.id
  subnet_id       = aws_subnet.private[count.index].id
  ip_address      = cidrhost(local.private_subnets[count.index], 30)
  security_groups = [aws_security_group.efs.id]
}
