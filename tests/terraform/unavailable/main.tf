module "alb" {
  source  = "terraform-aws-modules/alb/aws"
  version = "~> 9.0"
  name    = "web"
}

module "missing_local" {
  source = "./modules/nope"
}

resource "aws_instance" "after" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  private_ip    = "10.0.0.5"
  subnet_id     = module.alb.subnet
}
