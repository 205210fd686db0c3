import RampartCLI

await RampartCommand.runMain()
