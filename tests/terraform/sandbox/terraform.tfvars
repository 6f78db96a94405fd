name     = "stargate-sandbox"
vpc_cidr = "10.20.0.0/16"
