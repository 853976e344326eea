namespace TimeToken.Sample;

/// <summary>An invalid setting; its message is one line that names the configuration key.</summary>
internal sealed class SampleConfigurationException : Exception
{
    public SampleConfigurationException()
    {
    }

    public SampleConfigurationException(string message)
        : base(message)
    {
    }

    public SampleConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
