namespace WeekendCulturel.Registration.Storage;

/// <summary>Table Storage could not be reached or kept refusing: the request is answered 503, to be retried.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
