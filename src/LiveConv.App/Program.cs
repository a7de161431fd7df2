using LiveConv.App.Cli;

return LiveConvCli.Run(args);
