# A network load balancer in a public subnet in front of a database and a
# DNS server in a private one. The balancer keeps the clients' addresses,
# so the database's group (open to 0.0.0.0/0 on 5432) is what guards it.

resource "aws_vpc" "main" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.30.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.2.0/24"
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

resource "aws_lb" "nlb" {
  name               = "edge"
  load_balancer_type = "network"
  internal           = false
  subnets            = [aws_subnet.public.id]
}

resource "aws_lb_target_group" "db" {
  port     = 5432
  protocol = "TCP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_target_group" "dns" {
  port     = 53
  protocol = "UDP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_listener" "db" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 5432
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.db.arn
  }
}

resource "aws_lb_listener" "dns" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 53
  protocol          = "UDP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.dns.arn
  }
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "dns" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = ["10.30.0.0/16"]
  }
}

resource "aws_instance" "db" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  private_ip             = "10.30.2.10"
  vpc_security_group_ids = [aws_security_group.db.id]
}

resource "aws_instance" "dns" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  private_ip             = "10.30.2.53"
  vpc_security_group_ids = [aws_security_group.dns.id]
}

resource "aws_lb_target_group_attachment" "db" {
  target_group_arn = aws_lb_target_group.db.arn
  target_id        = aws_instance.db.id
  port             = 5432
}

resource "aws_lb_target_group_attachment" "dns" {
  target_group_arn = aws_lb_target_group.dns.arn
  target_id        = aws_instance.dns.id
  port             = 53
}
