import LifeCircleCLI

LifeCircleCommand.runMain()
