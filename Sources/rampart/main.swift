import RampartCLI

RampartCommand.runMain()
