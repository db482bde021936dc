using WeekendCulturel.Generator.Cli;

return await GeneratorCommand.RunAsync(args, Console.Out, Console.Error);
