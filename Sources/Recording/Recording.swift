/// The `Recording` module. See the layer table in Package.swift and README.md.
public enum RecordingModule {
  /// The module's name, for diagnostics.
  public static let name = "Recording"
}
