import RampartCLI
RampartCommand.main()
