import CLI

await DonDocCommand.main()
