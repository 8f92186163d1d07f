"""OpenCV layer of the multimodal-analysis function (`/opt/python` on the function's path).

The layer ships `opencv-python-headless` and `numpy` (see requirements.txt next to python/; the release
pipeline installs them into this folder). This module gives the function one place to ask for them
and a clear error when a build left them out.
"""

REQUIREMENTS = ("opencv-python-headless", "numpy")


def cv2():
    """The `cv2` module, or an ImportError that says how the layer is built."""
    try:
        import cv2 as module  # noqa: PLC0415 - imported on first use: it is large
    except ImportError as error:  # pragma: no cover - depends on the build
        raise ImportError("OpenCV is not in the layer: install assets/lambda/opencv/requirements.txt into python/ before synth") from error
    return module


def decode_image(data: bytes):
    """Decodes image bytes (JPEG, PNG, WebP, ...) into a BGR array."""
    numpy = __import__("numpy")
    image = cv2().imdecode(numpy.frombuffer(data, dtype=numpy.uint8), 1)
    if image is None:
        raise ValueError("not a decodable image")
    return image
