// orbit_camera.h: the orbit camera of the convolution view: drag to turn
// around the tensors, wheel (or a trackpad pinch) to zoom, reset to the framing
// that shows input, filter and output together. Plain 4×4 column-major
// matrices, as GL takes them. Not a general math library.
#pragma once

struct Vec3 {
    float x = 0, y = 0, z = 0;
};

struct Mat4 {
    float m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};  // column-major
};

struct OrbitCamera {
    Vec3 target;             // the point it turns around
    float yaw = -0.55f;      // radians around the vertical axis
    float pitch = 0.35f;     // radians above the horizon
    float distance = 60.0f;  // from target
    float fit_distance = 60.0f;  // what reset_view returns to
    float fov_y = 0.75f;     // radians
};

// Frames the box [lo, hi]: target at its centre, distance so it fills the view.
void camera_frame(OrbitCamera* cam, Vec3 lo, Vec3 hi, float aspect);
void camera_reset(OrbitCamera* cam);
// Drag in pixels, wheel in notches (positive zooms in).
void camera_orbit(OrbitCamera* cam, float dx_px, float dy_px);
void camera_zoom(OrbitCamera* cam, float notches);

Vec3 camera_eye(const OrbitCamera& cam);
// projection · view for an aspect ratio (width / height).
Mat4 camera_view_proj(const OrbitCamera& cam, float aspect);
// World point to pixels in a w×h image (y down). False when behind the camera.
bool camera_project(const Mat4& view_proj, Vec3 p, float w, float h, float* px, float* py);
